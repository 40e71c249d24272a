-- Files attached to documents (reports, annexes, images), with their SHA-256; at most Documents:MaxAttachmentBytes each.
CREATE TABLE attachments (
    id uuid PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES documents (id),
    file_name text NOT NULL,
    content_type text NOT NULL,
    size bigint NOT NULL,
    sha256 text NOT NULL,
    content bytea NOT NULL,
    uploaded_by text NOT NULL,
    uploaded_at timestamptz NOT NULL
);
CREATE INDEX attachments_document ON attachments (document_id, uploaded_at);
