-- sync: the newest creation time (column :"column") of a stream's table
-- (:"table"; $1: its name) among its rows still at the source, in epoch
-- seconds; NULL when none has one.
SELECT extract(epoch FROM max(t.:"column"))::bigint FROM :"table" t
WHERE NOT EXISTS (SELECT 1 FROM gazelle_backfill.gb_missing m
                  WHERE m.tbl = $1 AND m.external_id = t.external_id)
