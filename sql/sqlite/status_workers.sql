SELECT worker_id, host, pid, state, reason,
  CAST(strftime('%s', heartbeat_at) AS INTEGER), CAST(strftime('%s', started_at) AS INTEGER),
  reason_code, CAST(strftime('%s', reason_until) AS INTEGER), reason_attempt, reason_http_status,
  reason_detail, reason_rate, reason_pace
FROM gb_workers WHERE run_id = ?1 ORDER BY started_at, worker_id
