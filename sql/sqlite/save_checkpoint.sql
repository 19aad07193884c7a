-- Only the lease owner may move the checkpoint (see the PostgreSQL version).
UPDATE gb_units
SET cursor = ?3, fetched = ?4,
    state = CASE WHEN ?5 THEN 'done' ELSE state END,
    lease_owner = CASE WHEN ?5 THEN NULL ELSE lease_owner END,
    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE id = ?1 AND run_id = ?2 AND lease_owner = ?6 AND fetched = ?7
