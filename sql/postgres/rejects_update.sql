-- rejects retry: rows that still fail keep their new reason (a JSON array of {id, sqlstate, reason}).
UPDATE gazelle_backfill.gb_rejects AS r SET sqlstate = u.sqlstate, reason = u.reason, created_at = now()
FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, sqlstate text, reason text)
WHERE r.id = u.id
