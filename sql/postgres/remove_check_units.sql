-- --restart: the closing check's units (top-ups, recounts) go with the old sweeps.
DELETE FROM gazelle_backfill.gb_units WHERE run_id = $1 AND (spec ? 'stop_at' OR spec ? 'count_year')
