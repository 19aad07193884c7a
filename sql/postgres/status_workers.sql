SELECT worker_id, host, pid, state, reason,
  floor(extract(epoch FROM heartbeat_at))::bigint, floor(extract(epoch FROM started_at))::bigint
FROM gazelle_backfill.gb_workers WHERE run_id = $1 ORDER BY started_at, worker_id
