SELECT year, type, inserted, updated, unchanged, repaired, rejected, skipped, unlinked
FROM gb_counters WHERE run_id = ?1 ORDER BY year, type
