INSERT INTO gb_workers (run_id, worker_id, host, pid, state, reason, heartbeat_at, started_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
ON CONFLICT (run_id, worker_id) DO UPDATE SET
  host = excluded.host, pid = excluded.pid, state = excluded.state,
  reason = excluded.reason, heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
