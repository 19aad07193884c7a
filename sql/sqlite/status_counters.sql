-- watch: the counters committed with the rows, summed over types per year of
-- the timeline, and per stream for the other streams (year 0, `type` is the
-- stream's name): a few hundred rows at most.
SELECT year, sum(inserted), sum(updated), sum(unchanged), sum(repaired), sum(rejected),
  sum(skipped), max(CAST(strftime('%s', updated_at) AS INTEGER)), sum(unlinked),
  CASE WHEN year = 0 THEN type ELSE '' END AS stream
FROM gb_counters WHERE run_id = ?1 GROUP BY year, stream ORDER BY year, stream
