-- Compensation rates per body: per session kind (NULL: every kind) or per half-day, over a period.
CREATE TABLE compensation_rates (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    session_kind text,
    unit text NOT NULL,
    amount numeric(10, 2) NOT NULL CHECK (amount > 0),
    effective_from date NOT NULL,
    effective_to date,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX compensation_rates_body ON compensation_rates (body_id, effective_from);

-- Approved monthly statements (drafts are computed, never stored). Approved means final: a later correction becomes an
-- adjustment line on a later statement, and the trigger below refuses any rewrite.
CREATE TABLE compensation_statements (
    id uuid PRIMARY KEY,
    body_id text NOT NULL,
    member_id uuid NOT NULL,
    month date NOT NULL,
    total numeric(12, 2) NOT NULL,
    approved_at timestamptz NOT NULL,
    approved_by text NOT NULL,
    UNIQUE (body_id, member_id, month)
);

CREATE TABLE compensation_lines (
    statement_id uuid NOT NULL REFERENCES compensation_statements (id),
    line_no integer NOT NULL,
    session_id uuid NOT NULL,
    session_title text NOT NULL,
    session_kind text NOT NULL,
    session_date date NOT NULL,
    minutes integer NOT NULL,
    unit text NOT NULL,
    quantity integer NOT NULL,
    rate numeric(10, 2) NOT NULL,
    amount numeric(12, 2) NOT NULL,
    adjustment boolean NOT NULL,
    PRIMARY KEY (statement_id, line_no)
);
CREATE INDEX compensation_lines_session ON compensation_lines (session_id);

CREATE FUNCTION refuse_statement_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an approved compensation statement is never rewritten';
END $$;
CREATE TRIGGER compensation_statements_final BEFORE UPDATE ON compensation_statements
    FOR EACH ROW EXECUTE FUNCTION refuse_statement_rewrite();
CREATE TRIGGER compensation_lines_final BEFORE UPDATE ON compensation_lines
    FOR EACH ROW EXECUTE FUNCTION refuse_statement_rewrite();
