-- Sex and arrondissement now only serve to classify rows into invitation strata, which the import does before the
-- rows reach the database (list_strata): the list rows no longer keep them.
ALTER TABLE list_rows DROP COLUMN sex, DROP COLUMN arrondissement;
