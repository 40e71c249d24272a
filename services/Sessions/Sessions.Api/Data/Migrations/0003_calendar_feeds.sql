-- A member's private calendar subscription: the link carries a secret token; only its SHA-256 is kept, so the table
-- cannot be used to read anyone's calendar. Creating a new link replaces the old one; revoking deletes it.
CREATE TABLE calendar_feeds (
    body_id text NOT NULL,
    member_id uuid NOT NULL,
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (body_id, member_id)
);
