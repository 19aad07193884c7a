-- watch: when each other stream was last swept whole (a unit of it done, by any run).
SELECT spec->>'stream', floor(extract(epoch FROM max(updated_at)))::bigint
FROM gazelle_backfill.gb_units
WHERE state = 'done' AND spec->>'stream' IS NOT NULL
GROUP BY 1
