INSERT INTO gazelle_backfill.gb_units (run_id, name, spec)
SELECT $1, u.name, u.spec
FROM jsonb_to_recordset($2::jsonb) AS u(name text, spec jsonb)
ON CONFLICT (run_id, name) DO NOTHING
