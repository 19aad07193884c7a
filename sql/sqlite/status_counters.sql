-- watch: the counters committed with the rows, summed over types (a few hundred rows at most).
SELECT year, sum(inserted), sum(updated), sum(unchanged), sum(repaired), sum(rejected),
  sum(skipped), max(CAST(strftime('%s', updated_at) AS INTEGER)), sum(unlinked)
FROM gb_counters WHERE run_id = ?1 GROUP BY year ORDER BY year
