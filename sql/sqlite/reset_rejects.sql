DELETE FROM gb_rejects WHERE run_id = ?1
