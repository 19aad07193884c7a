SELECT id, fingerprint, params, state, CAST(strftime('%s', started_at) AS INTEGER)
FROM gb_runs ORDER BY id DESC LIMIT 1
