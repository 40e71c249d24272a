-- The last import of each list of a draw and how far it got, written while the import runs (outside its transaction)
-- so that the secretariat's screen can show progress; no personal data, only counts and the refusal reasons. A failed
-- or refused attempt changes no row of the list: rows_in_place and imported_at describe the list still in place.
CREATE TABLE list_imports (
    draw_id uuid NOT NULL REFERENCES draws (id) ON DELETE CASCADE,
    list_name text NOT NULL,
    state text NOT NULL,
    charset text NOT NULL,
    bytes_expected bigint,
    bytes_received bigint NOT NULL DEFAULT 0,
    rows_read int NOT NULL DEFAULT 0,
    rows_refused int NOT NULL DEFAULT 0,
    rows_imported int,
    rows_in_place int,
    imported_at timestamptz,
    errors jsonb,
    started_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    finished_at timestamptz,
    PRIMARY KEY (draw_id, list_name)
);
