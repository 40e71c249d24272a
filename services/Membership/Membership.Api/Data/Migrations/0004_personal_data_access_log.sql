-- The personal-data access log moves to the shape every service shares (personal_data_access_log, from the common migrations).
INSERT INTO personal_data_access_log (read_at, body_id, scope, actor, purpose, people)
SELECT read_at, body_id, NULL, actor, purpose, people FROM personal_data_reads ORDER BY id;
DROP TABLE personal_data_reads;
