-- A campaign may wait for its time (a session's reminder, the day before it), and may be withdrawn before it is prepared
-- when what it was about no longer holds (the session moved or was cancelled); the reason is kept in refusal.
ALTER TABLE campaigns ADD COLUMN due_at timestamptz;
ALTER TABLE campaigns DROP CONSTRAINT campaigns_state_check;
ALTER TABLE campaigns ADD CONSTRAINT campaigns_state_check CHECK (state IN ('preparing', 'ready', 'refused', 'withdrawn'));
