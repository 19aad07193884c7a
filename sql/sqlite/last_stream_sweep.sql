-- sync: when a stream (?1) was last swept whole (a unit of it done, by any run,
-- that was not limited to the objects created since a date), as ISO 8601 UTC
-- text; NULL when never.
SELECT max(updated_at) FROM gb_units
WHERE state = 'done' AND json_extract(spec, '$.stream') = ?1
  AND json_extract(spec, '$.created_since') IS NULL
