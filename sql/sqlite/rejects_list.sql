-- rejects list/export/retry: every reject (of one run when ?1 is not NULL), oldest first.
SELECT id, run_id, unit, external_id, year, type, sqlstate, reason, raw, created_at
FROM gb_rejects WHERE ?1 IS NULL OR run_id = ?1
ORDER BY id
