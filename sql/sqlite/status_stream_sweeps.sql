-- watch: when each other stream was last swept whole (a unit of it done, by any
-- run, that was not limited to the objects created since a date).
SELECT json_extract(spec, '$.stream'), CAST(strftime('%s', max(updated_at)) AS INTEGER)
FROM gb_units
WHERE state = 'done' AND json_extract(spec, '$.stream') IS NOT NULL
  AND json_extract(spec, '$.created_since') IS NULL
GROUP BY 1
