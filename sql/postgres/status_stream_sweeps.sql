-- watch: when each other stream was last swept whole (a unit of it done, by any
-- run, that was not limited to the objects created since a date).
SELECT spec->>'stream', floor(extract(epoch FROM max(updated_at)))::bigint
FROM gazelle_backfill.gb_units
WHERE state = 'done' AND spec->>'stream' IS NOT NULL AND spec->>'created_since' IS NULL
GROUP BY 1
