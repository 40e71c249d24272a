-- Events written in the same transaction as the change that caused them, then published by the dispatcher.
CREATE TABLE outbox_messages (
    id uuid PRIMARY KEY,
    message_type text NOT NULL,
    body jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    dispatched_at timestamptz,
    attempts integer NOT NULL DEFAULT 0,
    last_error text
);
CREATE INDEX outbox_messages_pending ON outbox_messages (created_at) WHERE dispatched_at IS NULL;

-- Messages a consumer has handled, so that a redelivered message has no second effect.
CREATE TABLE inbox_messages (
    message_id uuid NOT NULL,
    consumer text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    -- Redeliveries recognised and skipped: visible evidence of at-least-once delivery at work.
    duplicates integer NOT NULL DEFAULT 0,
    PRIMARY KEY (message_id, consumer)
);
