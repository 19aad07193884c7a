-- A unit the closing check adds, only while every unit of the run is done
-- (counts still moving are not compared); none when another worker added it.
INSERT INTO gazelle_backfill.gb_units (run_id, name, spec)
SELECT $1::bigint, $2::text, $3::jsonb
WHERE NOT EXISTS (SELECT 1 FROM gazelle_backfill.gb_units WHERE run_id = $1::bigint AND state <> 'done')
ON CONFLICT (run_id, name) DO NOTHING
RETURNING id
