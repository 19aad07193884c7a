INSERT INTO gb_counters AS c
  (run_id, year, type, inserted, updated, unchanged, repaired, unlinked, rejected, skipped)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?10, ?8, ?9)
ON CONFLICT (run_id, year, type) DO UPDATE SET
  inserted = c.inserted + excluded.inserted,
  updated = c.updated + excluded.updated,
  unchanged = c.unchanged + excluded.unchanged,
  repaired = c.repaired + excluded.repaired,
  unlinked = c.unlinked + excluded.unlinked,
  rejected = c.rejected + excluded.rejected,
  skipped = c.skipped + excluded.skipped,
  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
