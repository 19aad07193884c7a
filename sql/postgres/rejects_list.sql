-- rejects list/export/retry: every reject (of one run when $1 is not NULL), oldest first.
SELECT id, run_id, unit, external_id, year, type, sqlstate, reason, raw,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM gazelle_backfill.gb_rejects WHERE $1::bigint IS NULL OR run_id = $1::bigint
ORDER BY id
