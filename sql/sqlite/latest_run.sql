SELECT id, fingerprint, params, state, CAST(strftime('%s', started_at) AS INTEGER),
       (SELECT count(*) FROM gb_units u WHERE u.run_id = gb_runs.id)
FROM gb_runs ORDER BY id DESC LIMIT 1
