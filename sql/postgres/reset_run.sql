UPDATE gazelle_backfill.gb_runs
SET state = 'running', reason = '', finished_at = NULL, heartbeat_at = now()
WHERE id = $1
