-- Citizen evaluation missions on adopted texts, and the report each writes.
CREATE TABLE evaluation_missions (
    id uuid PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES documents (id),
    title text NOT NULL,
    member_ids uuid[] NOT NULL,
    starts_on date NOT NULL,
    report_document_id uuid REFERENCES documents (id),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX evaluation_missions_document ON evaluation_missions (document_id);
