-- SQLite has one writer at a time, so this single statement is atomic across
-- processes: a pending unit, or a running one whose lease expired.
UPDATE gb_units
SET state = 'running', lease_owner = ?2,
    lease_expires_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+' || ?3 || ' seconds'),
    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE id = (
  SELECT id FROM gb_units
  WHERE run_id = ?1
    AND (state = 'pending'
         OR (state = 'running' AND lease_owner IS NOT ?2
             AND (lease_expires_at IS NULL OR lease_expires_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))))
  ORDER BY id LIMIT 1)
RETURNING id, run_id, name, spec, cursor, fetched, state
