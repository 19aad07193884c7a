-- sync: the ids of a stream's table (:"table"; ?1: its name) the source had
-- when last seen, created on or after the date ?2 (the date of :"column" in
-- UTC, as the API's createdGet reads it).
SELECT external_id FROM :"table" t
WHERE NOT EXISTS (SELECT 1 FROM gb_missing m WHERE m.tbl = ?1 AND m.external_id = t.external_id)
  AND date(t.:"column") >= ?2
