-- What each member chose: the language of their messages, quiet hours (Paris time: nothing is sent inside them) and, per
-- kind of message, the channels (kind → ["email", "sms"]; a kind absent: its usual channel; an empty list: none).
CREATE TABLE preferences (
    body_id text NOT NULL,
    member_id uuid NOT NULL,
    language text NOT NULL,
    quiet_from time,
    quiet_until time,
    channels jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body_id, member_id)
);

-- The secret of each e-mail's unsubscribe link (List-Unsubscribe, one click): one per member and kind, so that the link
-- turns that kind's e-mails off for that member and nothing else.
CREATE TABLE unsubscribe_tokens (
    token text PRIMARY KEY,
    body_id text NOT NULL,
    member_id uuid NOT NULL,
    kind text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (body_id, member_id, kind)
);

