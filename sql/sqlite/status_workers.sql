SELECT worker_id, host, pid, state, reason,
  CAST(strftime('%s', heartbeat_at) AS INTEGER), CAST(strftime('%s', started_at) AS INTEGER)
FROM gb_workers WHERE run_id = ?1 ORDER BY started_at, worker_id
