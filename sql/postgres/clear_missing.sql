-- Rows of table $2 the source has again ($1: their ids): no longer listed as gone.
DELETE FROM gazelle_backfill.gb_missing WHERE tbl = $2 AND external_id = ANY($1::text[])
