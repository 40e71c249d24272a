-- The copy of the registered bodies moves to the table every service shares (body_directory, from the common migrations).
INSERT INTO body_directory (id, name, registered_at) SELECT id, name, registered_at FROM bodies ON CONFLICT (id) DO NOTHING;
DROP TABLE bodies;
