INSERT INTO gazelle_backfill.gb_plan (run_id, year, expected)
SELECT $1, p.year, p.expected
FROM jsonb_to_recordset($2::jsonb) AS p(year integer, expected bigint)
