-- A document at its current version; every version is kept in document_versions.
CREATE TABLE documents (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    promotion_id uuid NOT NULL,
    -- The atelier that writes it; NULL for the whole promotion.
    atelier_id uuid,
    kind text NOT NULL,
    -- draft, validated
    state text NOT NULL,
    version integer NOT NULL,
    title text NOT NULL,
    sections jsonb NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX documents_promotion ON documents (body_id, promotion_id, kind);

CREATE TABLE document_versions (
    document_id uuid NOT NULL REFERENCES documents (id),
    number integer NOT NULL,
    title text NOT NULL,
    sections jsonb NOT NULL,
    author text NOT NULL,
    saved_at timestamptz NOT NULL,
    summary text,
    PRIMARY KEY (document_id, number)
);

-- Writers the secretariat adds to one document (the administration, the executive), by their sign-in subject.
CREATE TABLE co_authors (
    document_id uuid NOT NULL REFERENCES documents (id),
    subject text NOT NULL,
    role text NOT NULL,
    granted_by text NOT NULL,
    granted_at timestamptz NOT NULL,
    PRIMARY KEY (document_id, subject)
);

-- Every decision on a document: who or which vote, when, what.
CREATE TABLE document_history (
    id bigserial PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES documents (id),
    at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    detail jsonb NOT NULL
);
CREATE INDEX document_history_document ON document_history (document_id, id);
