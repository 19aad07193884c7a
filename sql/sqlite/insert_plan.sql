INSERT INTO gb_plan (run_id, year, expected) VALUES (?1, ?2, ?3)
