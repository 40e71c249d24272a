-- Questions and interpellations put to the executive by a body; their status runs from submission to answer.
CREATE TABLE questions (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    title text NOT NULL,
    status text NOT NULL,
    submitted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX questions_by_body ON questions (body_id, submitted_at DESC);
