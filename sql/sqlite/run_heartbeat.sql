UPDATE gb_runs SET heartbeat_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1
