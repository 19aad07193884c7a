-- watch: milliseconds since the run ('') and each of its workers last beat,
-- on the database's clock (a kill shows within two heartbeats, not seconds later).
SELECT '', floor(extract(epoch FROM now() - heartbeat_at) * 1000)::bigint
FROM gazelle_backfill.gb_runs WHERE id = $1
UNION ALL
SELECT worker_id, floor(extract(epoch FROM now() - heartbeat_at) * 1000)::bigint
FROM gazelle_backfill.gb_workers WHERE run_id = $1
