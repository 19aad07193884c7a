SELECT id, fingerprint, params, state, extract(epoch FROM started_at)::bigint
FROM gb_runs
WHERE fingerprint = $1 AND state IN ('planned', 'running', 'stopped')
ORDER BY id DESC LIMIT 1
