-- Only the lease owner may move the checkpoint: a worker that lost its unit to
-- another (its lease expired) gets 0 rows and its batch is rolled back; and only
-- from where this batch started (fetched = $7), so a batch already committed is
-- never applied twice (unit_progress.sql tells the two cases apart).
UPDATE gazelle_backfill.gb_units
SET cursor = $3, fetched = $4,
    state = CASE WHEN $5::boolean THEN 'done' ELSE state END,
    lease_owner = CASE WHEN $5::boolean THEN NULL ELSE lease_owner END,
    updated_at = now()
WHERE id = $1 AND run_id = $2 AND lease_owner = $6 AND fetched = $7
RETURNING id
