INSERT INTO gazelle_backfill.gb_rejects (run_id, unit, external_id, year, type, sqlstate, reason, raw)
SELECT $1, $2, r.external_id, r.year, r.type, r.sqlstate, r.reason, r.raw
FROM jsonb_to_recordset($3::jsonb)
  AS r(external_id text, year integer, type text, sqlstate text, reason text, raw text)
