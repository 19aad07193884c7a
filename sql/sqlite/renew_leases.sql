UPDATE gb_units
SET lease_expires_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+' || ?3 || ' seconds')
WHERE run_id = ?1 AND lease_owner = ?2 AND state = 'running'
