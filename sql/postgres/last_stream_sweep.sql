-- sync: when a stream ($1) was last swept whole (a unit of it done, by any run,
-- that was not limited to the objects created since a date), in epoch
-- seconds; NULL when never.
SELECT extract(epoch FROM max(updated_at))::bigint FROM gazelle_backfill.gb_units
WHERE state = 'done' AND spec->>'stream' = $1 AND spec->>'created_since' IS NULL
