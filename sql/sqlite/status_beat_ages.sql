-- watch: milliseconds since the run ('') and each of its workers last beat,
-- on the database's clock (a kill shows within two heartbeats, not seconds later).
SELECT '', CAST((julianday('now') - julianday(heartbeat_at)) * 86400000 AS INTEGER)
FROM gb_runs WHERE id = ?1
UNION ALL
SELECT worker_id, CAST((julianday('now') - julianday(heartbeat_at)) * 86400000 AS INTEGER)
FROM gb_workers WHERE run_id = ?1
