-- sync: the rows of a stream's table (:"table"; $1: its name) still at the
-- source created on or after the date $2 (the date of :"column" in UTC, as
-- the API's createdGet reads it; a row without one is not counted).
SELECT count(*) FROM :"table" t
WHERE NOT EXISTS (SELECT 1 FROM gazelle_backfill.gb_missing m
                  WHERE m.tbl = $1 AND m.external_id = t.external_id)
  AND (t.:"column" AT TIME ZONE 'UTC')::date >= $2::date
