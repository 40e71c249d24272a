-- Who is an active member of which promotion and atelier, as membership's events tell it: sessions' own read model,
-- so that convening never waits on membership. Ids only: contact data stays in membership.
CREATE TABLE members (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    promotion_id uuid NOT NULL,
    atelier_id uuid,
    -- pending (known from an atelier choice only), active, left
    state text NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX members_promotion ON members (promotion_id, state);

-- The phases of a promotion's mandate (discovery, exploration…), public.
CREATE TABLE phases (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    promotion_id uuid NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL
);
CREATE INDEX phases_promotion ON phases (body_id, promotion_id, starts_on);

CREATE TABLE sessions (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    promotion_id uuid NOT NULL,
    -- The atelier concerned; NULL for the whole promotion.
    atelier_id uuid,
    kind text NOT NULL,
    title text NOT NULL,
    agenda jsonb NOT NULL,
    place jsonb,
    online_link text,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    guests jsonb NOT NULL,
    public boolean NOT NULL,
    state text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_promotion ON sessions (body_id, promotion_id, starts_at);

-- One row per member invited to a session; withdrawn when they leave (or change atelier) before it is held.
CREATE TABLE convocations (
    session_id uuid NOT NULL REFERENCES sessions (id),
    member_id uuid NOT NULL,
    invited_at timestamptz NOT NULL,
    withdrawn_at timestamptz,
    -- no-answer, attending, excused
    answer text NOT NULL DEFAULT 'no-answer',
    reason text,
    answered_at timestamptz,
    PRIMARY KEY (session_id, member_id)
);
CREATE INDEX convocations_member ON convocations (member_id);

-- Every change of a session: who, when, what.
CREATE TABLE session_history (
    id bigserial PRIMARY KEY,
    session_id uuid NOT NULL REFERENCES sessions (id),
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    action text NOT NULL,
    detail jsonb NOT NULL
);
