UPDATE gb_runs SET state = 'running', reason = '', finished_at = NULL, heartbeat_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE id = ?1
