SELECT year, expected FROM gb_plan WHERE run_id = ?1 ORDER BY year
