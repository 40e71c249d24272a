-- The personal-data access log moves to the shape every service shares (personal_data_access_log, from the common migrations).
INSERT INTO personal_data_access_log (read_at, body_id, scope, actor, purpose, people)
SELECT r.read_at, d.body_id, r.draw_id::text, r.actor, r.purpose, r.people
FROM personal_data_reads r JOIN draws d ON d.id = r.draw_id
ORDER BY r.id;
DROP TABLE personal_data_reads;
