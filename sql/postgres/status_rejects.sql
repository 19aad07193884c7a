SELECT reason, count(*) FROM gazelle_backfill.gb_rejects WHERE run_id = $1
GROUP BY reason ORDER BY count(*) DESC, reason LIMIT 20
