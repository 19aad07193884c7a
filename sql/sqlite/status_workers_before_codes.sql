-- watch on a database an earlier version wrote (no reason_code yet): the
-- sentences in `reason` are shown as they are.
SELECT worker_id, host, pid, state, reason,
  CAST(strftime('%s', heartbeat_at) AS INTEGER), CAST(strftime('%s', started_at) AS INTEGER),
  NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM gb_workers WHERE run_id = ?1 ORDER BY started_at, worker_id
