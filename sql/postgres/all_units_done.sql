SELECT NOT EXISTS (SELECT 1 FROM gazelle_backfill.gb_units WHERE run_id = $1 AND state <> 'done')
