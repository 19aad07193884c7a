-- Rows of table ?3 gone from the source (?1: their ids, a JSON array), found at ?2 (ISO
-- 8601 UTC); a row already listed keeps its first date.
INSERT INTO gb_missing (tbl, external_id, since)
SELECT ?3, value, ?2 FROM json_each(?1) WHERE true
ON CONFLICT (tbl, external_id) DO NOTHING
