INSERT INTO gb_units (run_id, name, spec) VALUES (?1, ?2, ?3) ON CONFLICT (run_id, name) DO NOTHING
