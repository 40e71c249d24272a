-- A list's rows now live in a table of their own, list_rows_<draw>_<list index>, created with the draw from these
-- columns and dropped whole once the invitations are drawn (the uninvited are erased). Unlike partitions of list_rows,
-- the rows no longer repeat the draw and the list, which made up a third of what an import copies, and PostgreSQL no
-- longer checks a partition bound per row. Lists of draws created before stay in list_rows' partitions until drawn.
CREATE TABLE list_row_columns (
    line integer NOT NULL,
    person_ref text NOT NULL,
    family_name text NOT NULL,
    given_name text NOT NULL,
    birth_date date NOT NULL,
    address text NOT NULL,
    postcode text NOT NULL
);
