DELETE FROM gazelle_backfill.gb_counters WHERE run_id = $1
