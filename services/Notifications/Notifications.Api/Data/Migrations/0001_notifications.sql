-- Templates a body's secretariat wrote, per kind and language; every change is a new version, the highest one is used.
-- A kind without a row here uses the built-in template (version 0).
CREATE TABLE templates (
    body_id text NOT NULL,
    kind text NOT NULL,
    language text NOT NULL,
    version integer NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    written_by text NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body_id, kind, language, version)
);

-- One campaign per event and kind of message (source_key names the event: one invitation campaign per draw…).
-- state: preparing (messages are being written), ready (every message is written), refused (its template failed: nothing
-- was written or sent).
CREATE TABLE campaigns (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    kind text NOT NULL,
    source_key text NOT NULL UNIQUE,
    title text NOT NULL,
    -- What the event said that the messages need (the draw, its response deadline…), without personal data.
    parameters jsonb NOT NULL,
    language text NOT NULL,
    template_version integer NOT NULL,
    state text NOT NULL CHECK (state IN ('preparing', 'ready', 'refused')),
    refusal text,
    expected integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    ready_at timestamptz
);
CREATE INDEX campaigns_by_body ON campaigns (body_id, created_at DESC);
CREATE INDEX campaigns_preparing ON campaigns (created_at) WHERE state = 'preparing';

-- The print-ready file of a campaign's letters, and what the secretariat says of it (printed, then posted).
CREATE TABLE letter_batches (
    campaign_id uuid PRIMARY KEY REFERENCES campaigns (id),
    letters integer NOT NULL,
    file bytea,
    rendered_at timestamptz NOT NULL,
    printed_at timestamptz,
    printed_by text,
    posted_at timestamptz,
    posted_by text
);

-- The message ledger: one row per recipient, kind and channel of a campaign, keyed so that nothing is sent twice.
-- recipient is pseudonymous (a member id, a digest of an invitation code); content holds what is printed or sent, contact
-- details included, until it is erased after Notifications:Retention:ContentDays.
CREATE TABLE messages (
    id uuid PRIMARY KEY,
    campaign_id uuid NOT NULL REFERENCES campaigns (id),
    idempotency_key text NOT NULL UNIQUE,
    recipient text NOT NULL,
    channel text NOT NULL CHECK (channel IN ('letter', 'email', 'sms')),
    state text NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'bounced')),
    sequence integer NOT NULL,
    content jsonb,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    content_erased_at timestamptz
);
CREATE INDEX messages_by_campaign ON messages (campaign_id, sequence);
CREATE INDEX messages_due ON messages (next_attempt_at) WHERE state = 'queued' AND channel <> 'letter';
