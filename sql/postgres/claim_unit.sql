-- A pending unit, or a running one whose lease expired (its worker died): the
-- new owner resumes from the committed cursor. SKIP LOCKED lets concurrent
-- workers claim different units without waiting on each other.
UPDATE gazelle_backfill.gb_units
SET state = 'running', lease_owner = $2,
    lease_expires_at = now() + make_interval(secs => $3::double precision),
    updated_at = now()
WHERE id = (
  SELECT id FROM gazelle_backfill.gb_units
  WHERE run_id = $1
    AND (state = 'pending'
         OR (state = 'running' AND lease_owner IS DISTINCT FROM $2
             AND (lease_expires_at IS NULL OR lease_expires_at < now())))
  ORDER BY id
  FOR UPDATE SKIP LOCKED
  LIMIT 1)
RETURNING id, run_id, name, spec::text, cursor, fetched, state
