INSERT INTO gazelle_backfill.gb_counters AS c
  (run_id, year, type, inserted, updated, unchanged, repaired, unlinked, rejected, skipped)
SELECT $1, d.year, d.type, d.inserted, d.updated, d.unchanged, d.repaired,
  coalesce(d.unlinked, 0), d.rejected, d.skipped
FROM jsonb_to_recordset($2::jsonb) AS d(year integer, type text, inserted bigint, updated bigint,
  unchanged bigint, repaired bigint, unlinked bigint, rejected bigint, skipped bigint)
ON CONFLICT (run_id, year, type) DO UPDATE SET
  inserted = c.inserted + EXCLUDED.inserted,
  updated = c.updated + EXCLUDED.updated,
  unchanged = c.unchanged + EXCLUDED.unchanged,
  repaired = c.repaired + EXCLUDED.repaired,
  unlinked = c.unlinked + EXCLUDED.unlinked,
  rejected = c.rejected + EXCLUDED.rejected,
  skipped = c.skipped + EXCLUDED.skipped,
  updated_at = now()
