-- Promotions (cohorts), their members from the draw to the end of the mandate, ateliers, history and the
-- personal-data read log.
CREATE TABLE promotions (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    name text NOT NULL,
    -- The sortition draw the members come from; NULL for a body whose members are not drawn by the platform.
    draw_id uuid UNIQUE,
    mandate_start date,
    mandate_end date,
    seats jsonb NOT NULL,
    confirmation_days int NOT NULL,
    -- After this moment members no longer change atelier themselves (the secretariat still can).
    atelier_choice_closes_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX promotions_body ON promotions (body_id);

CREATE TABLE members (
    id uuid PRIMARY KEY,
    promotion_id uuid NOT NULL REFERENCES promotions (id),
    -- The pseudonymous id in the draw record (R0001…), for replacements.
    respondent_id text,
    seat_group text NOT NULL,
    state text NOT NULL,
    given_name text NOT NULL,
    family_initial text NOT NULL,
    arrondissement int,
    minor_until date,
    -- Contact data: NULL once erased.
    family_name text,
    birth_date date,
    address text,
    postcode text,
    email text,
    phone text,
    entered_at timestamptz NOT NULL DEFAULT now(),
    confirmation_deadline timestamptz NOT NULL,
    confirmed_at timestamptz,
    left_at timestamptz,
    -- Set when sortition designated the substitute; the substitute's member row follows with SubstituteDesignated.
    substitute_respondent_id text,
    replaced_by uuid REFERENCES members (id),
    erased_at timestamptz,
    UNIQUE (promotion_id, respondent_id)
);

CREATE TABLE consents (
    member_id uuid PRIMARY KEY REFERENCES members (id),
    guardian_name text,
    relationship text NOT NULL,
    method text NOT NULL,
    given_on date NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ateliers (
    id uuid PRIMARY KEY,
    promotion_id uuid NOT NULL REFERENCES promotions (id),
    name text NOT NULL,
    theme text NOT NULL,
    mandate text NOT NULL,
    capacity int NOT NULL CHECK (capacity > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (promotion_id, name)
);

-- A member's current atelier (one at a time); every change is also in member_history.
CREATE TABLE atelier_members (
    member_id uuid PRIMARY KEY REFERENCES members (id),
    atelier_id uuid NOT NULL REFERENCES ateliers (id),
    role text NOT NULL,
    joined_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX atelier_members_atelier ON atelier_members (atelier_id);

-- Everything that happened to a member: entry, contact attempts, consent, confirmation, departure, replacement, ateliers.
CREATE TABLE member_history (
    id bigserial PRIMARY KEY,
    member_id uuid NOT NULL REFERENCES members (id),
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    action text NOT NULL,
    detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX member_history_member ON member_history (member_id, id);

CREATE TABLE personal_data_reads (
    id bigserial PRIMARY KEY,
    read_at timestamptz NOT NULL DEFAULT now(),
    body_id text NOT NULL,
    actor text NOT NULL,
    purpose text NOT NULL,
    people int NOT NULL
);
CREATE INDEX personal_data_reads_body ON personal_data_reads (body_id, id);
