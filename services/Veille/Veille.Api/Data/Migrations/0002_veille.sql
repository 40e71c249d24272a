-- The skeleton's table of questions gives way to the space's whole model.
DROP TABLE questions;

-- The Council of Paris's agenda, as imported: its sessions (OParl's Meeting) and their items (AgendaItem).
CREATE TABLE council_meetings (
    id text PRIMARY KEY,
    name text NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz
);

CREATE TABLE agenda_items (
    id text PRIMARY KEY,
    meeting_id text NOT NULL REFERENCES council_meetings (id),
    number text NOT NULL,
    -- The Council's reference: 2024 DFA 12, 2023 V 123.
    reference text NOT NULL,
    -- deliberation, voeu, question, communication
    kind text NOT NULL,
    title text NOT NULL,
    commission text NOT NULL,
    rapporteur text NOT NULL,
    themes text[] NOT NULL,
    papers jsonb NOT NULL,
    -- Raised by each import that changes the item or its scheduling.
    revision integer NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id);

-- What a body follows: an item, a commission or a theme.
CREATE TABLE follows (
    body_id text NOT NULL,
    -- item, commission, theme
    target_kind text NOT NULL,
    target text NOT NULL,
    followed_by text NOT NULL,
    followed_at timestamptz NOT NULL,
    PRIMARY KEY (body_id, target_kind, target)
);

-- One alert per body and change of an item it follows (whichever follows lead to it).
CREATE TABLE alerts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id text NOT NULL,
    item_id text NOT NULL REFERENCES agenda_items (id),
    revision integer NOT NULL,
    changes text[] NOT NULL,
    raised_at timestamptz NOT NULL,
    UNIQUE (body_id, item_id, revision)
);

-- A body's notes and analyses on an item (press review, decoding), private to the body until it shares them.
CREATE TABLE notes (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    item_id text NOT NULL REFERENCES agenda_items (id),
    kind text NOT NULL,
    title text NOT NULL,
    markdown text NOT NULL,
    written_by text NOT NULL,
    written_at timestamptz NOT NULL,
    shared_at timestamptz
);
CREATE INDEX notes_item ON notes (item_id, body_id);

-- Questions, interpellations and referrals to the guarantors, from their draft to their closing.
CREATE TABLE questions (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    -- written-question, oral-question, interpellation, topical-question, referral
    kind text NOT NULL,
    title text NOT NULL,
    text text NOT NULL,
    -- mayor, deputy, department, guarantors; and whom (a portfolio, a department)
    addressee_kind text NOT NULL,
    addressee text NOT NULL,
    item_ids text[] NOT NULL,
    themes text[] NOT NULL,
    state text NOT NULL,
    drafted_by text NOT NULL,
    drafted_at timestamptz NOT NULL,
    submitted_at timestamptz,
    answer_due timestamptz,
    first_answered_at timestamptz,
    merged_into uuid REFERENCES questions (id),
    inadmissible_reason text,
    exchange_session_id uuid,
    -- For a referral: the guarantors made their opinion public.
    opinion_public boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL
);
CREATE INDEX questions_register ON questions (submitted_at DESC) WHERE submitted_at IS NOT NULL;
CREATE INDEX questions_body ON questions (body_id, drafted_at DESC);

-- The bodies invited to co-sign, and their answer with their own validation.
CREATE TABLE cosignatures (
    question_id uuid NOT NULL REFERENCES questions (id),
    body_id text NOT NULL,
    -- invited, accepted, declined
    state text NOT NULL,
    invited_at timestamptz NOT NULL,
    answered_at timestamptz,
    -- How the body decided: the vote in sessions, or the decision the secretariat recorded.
    vote_id uuid,
    decision text,
    PRIMARY KEY (question_id, body_id)
);

-- The answers (several when follow-up is requested), each with who gave it and its attachments.
CREATE TABLE answers (
    id uuid PRIMARY KEY,
    question_id uuid NOT NULL REFERENCES questions (id),
    answered_by text NOT NULL,
    -- The office that answers, as published (the deputy for housing, the department of finance).
    answered_as text NOT NULL,
    text text NOT NULL,
    attachments jsonb NOT NULL,
    answered_at timestamptz NOT NULL
);
CREATE INDEX answers_question ON answers (question_id, answered_at);

-- Every transition of a question, timestamped: the timeline the bodies and, once submitted, the public read.
CREATE TABLE question_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    question_id uuid NOT NULL REFERENCES questions (id),
    at timestamptz NOT NULL,
    actor text NOT NULL,
    -- The body on whose behalf, or the office (executive, guarantors) that acted.
    acting_as text NOT NULL,
    action text NOT NULL,
    detail jsonb NOT NULL
);
CREATE INDEX question_events_question ON question_events (question_id, id);
