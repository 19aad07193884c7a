SELECT id, fingerprint, params, state, extract(epoch FROM started_at)::bigint
FROM gb_runs ORDER BY id DESC LIMIT 1
