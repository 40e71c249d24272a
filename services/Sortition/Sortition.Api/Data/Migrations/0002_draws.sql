-- A draw: its specification (jsonb, validated by the service), its state and, once prepared, its record.
CREATE TABLE draws (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    title text NOT NULL,
    specification jsonb NOT NULL,
    state text NOT NULL,
    invitation_seed text,
    diagnosis jsonb,
    record jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX draws_body ON draws (body_id);

-- Source-list rows (electoral roll, citizen-card list…). Partitioned by draw: each draw's rows live in their own
-- partition, filled by binary COPY and dropped whole once the invitations are drawn (the uninvited are erased).
CREATE TABLE list_rows (
    draw_id uuid NOT NULL,
    list_name text NOT NULL,
    line integer NOT NULL,
    person_ref text NOT NULL,
    family_name text NOT NULL,
    given_name text NOT NULL,
    birth_date date NOT NULL,
    sex text NOT NULL,
    address text NOT NULL,
    postcode text NOT NULL,
    arrondissement smallint NOT NULL
) PARTITION BY LIST (draw_id);

-- The invited: what the letter needs, until the response deadline (then erased unless they answered).
CREATE TABLE invitations (
    id uuid PRIMARY KEY,
    draw_id uuid NOT NULL REFERENCES draws (id),
    code text NOT NULL UNIQUE,
    seat_group text NOT NULL,
    stratum text NOT NULL,
    list_line integer NOT NULL,
    person_hash text NOT NULL,
    household_hash text NOT NULL,
    family_name text,
    given_name text,
    birth_date date,
    address text,
    postcode text,
    erased_at timestamptz
);
CREATE INDEX invitations_draw ON invitations (draw_id);

-- Those who answered, with their self-declared profile; numbered per draw (the record names them R0001…).
CREATE TABLE respondents (
    draw_id uuid NOT NULL REFERENCES draws (id),
    number integer NOT NULL,
    invitation_id uuid NOT NULL UNIQUE REFERENCES invitations (id),
    features jsonb NOT NULL,
    email text,
    phone text,
    status text NOT NULL DEFAULT 'pool',
    registered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (draw_id, number)
);

-- People a body already seated, as hashes of their list reference: refused in the body's later draws.
CREATE TABLE selected_people (
    body_id text NOT NULL,
    person_hash text NOT NULL,
    draw_id uuid NOT NULL,
    PRIMARY KEY (body_id, person_hash)
);

-- Every read of personal data: who, when, why, how many people.
CREATE TABLE personal_data_reads (
    id bigserial PRIMARY KEY,
    read_at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    purpose text NOT NULL,
    draw_id uuid,
    people integer NOT NULL
);
