SELECT id, fingerprint, params, state, CAST(strftime('%s', started_at) AS INTEGER)
FROM gb_runs
WHERE fingerprint = ?1 AND state IN ('planned', 'running', 'stopped')
ORDER BY id DESC LIMIT 1
