-- The ids of a stream's table (?1: its name) the source had when last seen.
SELECT external_id FROM :"table" t
WHERE NOT EXISTS (SELECT 1 FROM gb_missing m WHERE m.tbl = ?1 AND m.external_id = t.external_id)
