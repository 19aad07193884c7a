-- watch: the counters committed with the rows, summed over types (a few hundred rows at most).
SELECT year, sum(inserted)::bigint, sum(updated)::bigint, sum(unchanged)::bigint,
  sum(repaired)::bigint, sum(rejected)::bigint, sum(skipped)::bigint,
  floor(extract(epoch FROM max(updated_at)))::bigint, sum(unlinked)::bigint
FROM gazelle_backfill.gb_counters WHERE run_id = $1 GROUP BY year ORDER BY year
