-- The bodies that can run draws, copied from membership's BodyRegistered events.
CREATE TABLE bodies (
    id text PRIMARY KEY,
    name text NOT NULL,
    registered_at timestamptz NOT NULL
);
