SELECT year, expected FROM gazelle_backfill.gb_plan WHERE run_id = $1 ORDER BY year
