CREATE TABLE amendments (
    id uuid PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES documents (id),
    -- 1, 2, 3… within the document, as they are called in session.
    number integer NOT NULL,
    section integer NOT NULL,
    -- replace, insert, delete
    operation text NOT NULL,
    heading text,
    text text,
    -- The section's text when proposed: the amendment applies only while it still reads so.
    base_text text NOT NULL,
    base_version integer NOT NULL,
    author text NOT NULL,
    motivation text NOT NULL,
    -- proposed, accepted, rejected, withdrawn
    state text NOT NULL,
    proposed_at timestamptz NOT NULL,
    decided_by text,
    vote_id uuid,
    decided_at timestamptz,
    resulting_version integer,
    UNIQUE (document_id, number)
);
