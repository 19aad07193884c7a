-- watch on a database an earlier version wrote (no `unlinked` column until the
-- next run upgrades it): the same counters, none unlinked.
SELECT year, sum(inserted), sum(updated), sum(unchanged), sum(repaired), sum(rejected),
  sum(skipped), max(CAST(strftime('%s', updated_at) AS INTEGER)), 0,
  CASE WHEN year = 0 THEN type ELSE '' END AS stream
FROM gb_counters WHERE run_id = ?1 GROUP BY year, stream ORDER BY year, stream
