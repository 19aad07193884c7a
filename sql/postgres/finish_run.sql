UPDATE gazelle_backfill.gb_runs SET state = $2, reason = $3, finished_at = now(), heartbeat_at = now()
WHERE id = $1
