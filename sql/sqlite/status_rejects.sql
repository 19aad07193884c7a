SELECT reason, count(*) FROM gb_rejects WHERE run_id = ?1
GROUP BY reason ORDER BY count(*) DESC, reason LIMIT 20
