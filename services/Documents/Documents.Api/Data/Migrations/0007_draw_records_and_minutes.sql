-- A draw's procès-verbal is published as a document of its body before any promotion exists: it has no promotion, and
-- names its draw (one document per draw, republished as replacements change the record).
ALTER TABLE documents ALTER COLUMN promotion_id DROP NOT NULL;
ALTER TABLE publications ALTER COLUMN promotion_id DROP NOT NULL;
ALTER TABLE documents ADD COLUMN draw_id uuid UNIQUE;
-- Minutes belong to the session they record (sessions owns it; documents checks it when the minutes are started).
ALTER TABLE documents ADD COLUMN session_id uuid;
CREATE INDEX documents_session ON documents (session_id) WHERE session_id IS NOT NULL;
ALTER TABLE publications ADD COLUMN session_id uuid;
