-- Rows of table $3 gone from the source ($1: their ids), found at $2 (epoch seconds); a
-- row already listed keeps its first date.
INSERT INTO gazelle_backfill.gb_missing (tbl, external_id, since)
SELECT $3, id, to_timestamp($2) FROM unnest($1::text[]) AS id
ON CONFLICT (tbl, external_id) DO NOTHING
