-- Participatory bodies: the Citizens' Assembly and the city's other permanent bodies.
CREATE TABLE bodies (
    id text PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now()
);
