DELETE FROM gb_counters WHERE run_id = $1
