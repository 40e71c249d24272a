-- The bodies registered in membership, as other services know them (BodyRegistered events); membership owns the list.
CREATE TABLE body_directory (
    id text PRIMARY KEY,
    name text NOT NULL,
    registered_at timestamptz NOT NULL
);
