-- A text's road to the Council of Paris: its submission, then the Council's outcome.
CREATE TABLE council_submissions (
    document_id uuid PRIMARY KEY REFERENCES documents (id),
    council_session date NOT NULL,
    reference text NOT NULL,
    submitted_at timestamptz NOT NULL,
    submitted_by text NOT NULL,
    outcome text,
    decided_on date,
    council_text text,
    recorded_by text
);

-- What the city's departments committed to do to carry out an adopted text, and each update on it.
CREATE TABLE commitments (
    id uuid PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES documents (id),
    title text NOT NULL,
    department text NOT NULL,
    due_on date,
    status text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX commitments_document ON commitments (document_id);

CREATE TABLE commitment_updates (
    id bigserial PRIMARY KEY,
    commitment_id uuid NOT NULL REFERENCES commitments (id),
    at timestamptz NOT NULL,
    actor text NOT NULL,
    status text NOT NULL,
    note text NOT NULL
);
