-- The units of a run with their checkpoints (the closing check reads where
-- each sweep began; engine/closing_check.h).
SELECT id, name, spec::text, cursor, fetched, state FROM gazelle_backfill.gb_units WHERE run_id = $1 ORDER BY id
