UPDATE gazelle_backfill.gb_units
SET cursor = '', fetched = 0, state = 'pending', lease_owner = NULL, lease_expires_at = NULL,
    updated_at = now()
WHERE run_id = $1
