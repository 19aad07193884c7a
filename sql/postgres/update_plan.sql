-- The source's per-year totals as the closing check found them.
UPDATE gazelle_backfill.gb_plan SET expected = p.expected
FROM jsonb_to_recordset($2::jsonb) AS p(year integer, expected bigint)
WHERE gb_plan.run_id = $1 AND gb_plan.year = p.year
