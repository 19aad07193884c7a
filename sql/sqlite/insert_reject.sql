INSERT INTO gb_rejects (run_id, unit, external_id, year, type, sqlstate, reason, raw)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
