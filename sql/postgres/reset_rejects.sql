DELETE FROM gazelle_backfill.gb_rejects WHERE run_id = $1
