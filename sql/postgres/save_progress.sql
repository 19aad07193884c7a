-- The checkpoint and the batch's counters in one statement (one round trip to a
-- far database). Only the lease owner may move the checkpoint: a worker that
-- lost its unit to another (its lease expired) gets no row and its batch is
-- rolled back; and only from where this batch started (fetched = $7), so a
-- batch already committed is never applied twice (unit_progress.sql tells the
-- two cases apart). The counters ($8: a JSON array of per year and type
-- deltas) move only when the checkpoint did, or alone when $1 is NULL (a
-- retried reject's, rejects_store). Returns the unit's id, or no row.
WITH cp AS (
  UPDATE gazelle_backfill.gb_units
  SET cursor = $3, fetched = $4,
      state = CASE WHEN $5::boolean THEN 'done' ELSE state END,
      lease_owner = CASE WHEN $5::boolean THEN NULL ELSE lease_owner END,
      updated_at = now()
  WHERE id = $1 AND run_id = $2 AND lease_owner = $6 AND fetched = $7
  RETURNING id
), added AS (
  INSERT INTO gazelle_backfill.gb_counters AS c
    (run_id, year, type, inserted, updated, unchanged, repaired, unlinked, rejected, skipped)
  SELECT $2, d.year, d.type, d.inserted, d.updated, d.unchanged, d.repaired,
    coalesce(d.unlinked, 0), d.rejected, d.skipped
  FROM jsonb_to_recordset($8::jsonb) AS d(year integer, type text, inserted bigint,
    updated bigint, unchanged bigint, repaired bigint, unlinked bigint, rejected bigint,
    skipped bigint)
  WHERE EXISTS (SELECT 1 FROM cp) OR $1::bigint IS NULL
  ON CONFLICT (run_id, year, type) DO UPDATE SET
    inserted = c.inserted + EXCLUDED.inserted,
    updated = c.updated + EXCLUDED.updated,
    unchanged = c.unchanged + EXCLUDED.unchanged,
    repaired = c.repaired + EXCLUDED.repaired,
    unlinked = c.unlinked + EXCLUDED.unlinked,
    rejected = c.rejected + EXCLUDED.rejected,
    skipped = c.skipped + EXCLUDED.skipped,
    updated_at = now()
)
SELECT id FROM cp
