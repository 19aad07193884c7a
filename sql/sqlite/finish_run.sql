UPDATE gb_runs SET state = ?2, reason = ?3, finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), heartbeat_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE id = ?1
