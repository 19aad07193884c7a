-- watch: the counters committed with the rows, summed over types per year of
-- the timeline, and per stream for the other streams (year 0, `type` is the
-- stream's name): a few hundred rows at most.
-- `unlinked` is read through to_jsonb: a database the loader of an earlier
-- version wrote has no such column until the next run upgrades it, and watch
-- (read-only) must still show it.
SELECT year, sum(inserted)::bigint, sum(updated)::bigint, sum(unchanged)::bigint,
  sum(repaired)::bigint, sum(rejected)::bigint, sum(skipped)::bigint,
  floor(extract(epoch FROM max(updated_at)))::bigint,
  sum(coalesce((to_jsonb(c) ->> 'unlinked')::bigint, 0))::bigint,
  CASE WHEN year = 0 THEN type ELSE '' END AS stream
FROM gazelle_backfill.gb_counters c WHERE run_id = $1 GROUP BY year, stream ORDER BY year, stream
