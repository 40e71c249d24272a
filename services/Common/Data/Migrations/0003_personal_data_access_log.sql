-- Every read of personal data (who, why, how many people), never the data itself; one shape for every service.
-- scope narrows the read within the body (sortition: the draw).
CREATE TABLE personal_data_access_log (
    id bigserial PRIMARY KEY,
    read_at timestamptz NOT NULL DEFAULT now(),
    body_id text NOT NULL,
    scope text,
    actor text NOT NULL,
    purpose text NOT NULL,
    people integer NOT NULL
);
CREATE INDEX personal_data_access_log_body ON personal_data_access_log (body_id, scope, id);
