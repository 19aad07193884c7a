-- Rows of table ?2 the source has again (?1: their ids, a JSON array): no longer listed as gone.
DELETE FROM gb_missing WHERE tbl = ?2 AND external_id IN (SELECT value FROM json_each(?1))
