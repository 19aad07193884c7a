INSERT INTO gb_workers (run_id, worker_id, host, pid, state, reason, heartbeat_at, started_at,
  reason_code, reason_until, reason_attempt, reason_http_status, reason_detail, reason_rate,
  reason_pace)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
  ?7, strftime('%Y-%m-%dT%H:%M:%SZ', ?8, 'unixepoch'), ?9, ?10, ?11, ?12, ?13)
ON CONFLICT (run_id, worker_id) DO UPDATE SET
  host = excluded.host, pid = excluded.pid, state = excluded.state,
  reason = excluded.reason, heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
  reason_code = excluded.reason_code, reason_until = excluded.reason_until,
  reason_attempt = excluded.reason_attempt, reason_http_status = excluded.reason_http_status,
  reason_detail = excluded.reason_detail, reason_rate = excluded.reason_rate,
  reason_pace = excluded.reason_pace
