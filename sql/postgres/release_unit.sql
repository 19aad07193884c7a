UPDATE gazelle_backfill.gb_units
SET lease_owner = NULL, lease_expires_at = NULL,
    state = CASE WHEN state = 'running' THEN 'pending' ELSE state END,
    updated_at = now()
WHERE id = $1 AND lease_owner = $2
