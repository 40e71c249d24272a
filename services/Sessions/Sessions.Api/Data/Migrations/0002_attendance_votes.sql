-- Shown in the room for members to check in; set when the session is convened.
ALTER TABLE sessions ADD COLUMN check_in_code text;
-- iCalendar SEQUENCE: raised by every change members must see in their calendars (moved, postponed, cancelled).
ALTER TABLE sessions ADD COLUMN sequence integer NOT NULL DEFAULT 0;

-- Who was present, from when to when. One row per member and session; corrections rewrite it and leave an audit row.
CREATE TABLE attendance (
    session_id uuid NOT NULL REFERENCES sessions (id),
    member_id uuid NOT NULL,
    arrived_at timestamptz NOT NULL,
    departed_at timestamptz,
    -- check-in, roll-call, correction
    method text NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (session_id, member_id)
);
CREATE INDEX attendance_member ON attendance (member_id);

-- The audit of corrections: who changed whose attendance, when, why, from what to what.
CREATE TABLE attendance_corrections (
    id bigserial PRIMARY KEY,
    session_id uuid NOT NULL REFERENCES sessions (id),
    member_id uuid NOT NULL,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    reason text NOT NULL,
    before jsonb,
    after jsonb
);
CREATE INDEX attendance_corrections_session ON attendance_corrections (session_id, at);

-- A body's quorum; bodies without a row use half of the active members.
CREATE TABLE quorum_rules (
    body_id text PRIMARY KEY,
    percent integer NOT NULL CHECK (percent BETWEEN 1 AND 100),
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE TABLE votes (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    session_id uuid NOT NULL REFERENCES sessions (id),
    question text NOT NULL,
    options jsonb NOT NULL,
    majority text NOT NULL,
    method text NOT NULL,
    secret boolean NOT NULL,
    requires_quorum boolean NOT NULL,
    subject jsonb,
    -- draft, open, closed
    state text NOT NULL,
    opened_at timestamptz,
    closed_at timestamptz,
    result jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX votes_session ON votes (session_id, created_at);

-- Who voted, in every vote: what makes a second ballot impossible. It says nothing of how anyone voted and has no
-- time column, so that it cannot be lined up with the tallies' changes.
CREATE TABLE voters (
    vote_id uuid NOT NULL REFERENCES votes (id),
    member_id uuid NOT NULL,
    PRIMARY KEY (vote_id, member_id)
);

-- How each member voted in an open vote (names are published).
CREATE TABLE open_ballots (
    vote_id uuid NOT NULL,
    member_id uuid NOT NULL,
    option text NOT NULL,
    PRIMARY KEY (vote_id, member_id),
    FOREIGN KEY (vote_id, member_id) REFERENCES voters (vote_id, member_id)
);

-- A secret vote's ballots as counts per option, never as rows: no row exists that a member id could be joined to.
-- Closing rewrites every count, so that no row keeps the transaction id (xmin) of the last ballot cast for it.
CREATE TABLE secret_tallies (
    vote_id uuid NOT NULL REFERENCES votes (id),
    option text NOT NULL,
    ballots integer NOT NULL DEFAULT 0,
    PRIMARY KEY (vote_id, option)
);
