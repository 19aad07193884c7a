SELECT NOT EXISTS (SELECT 1 FROM gb_units WHERE run_id = $1 AND state <> 'done')
