UPDATE gb_units
SET cursor = '', fetched = 0, state = 'pending', lease_owner = NULL, lease_expires_at = NULL,
    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE run_id = ?1
