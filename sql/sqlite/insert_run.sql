INSERT INTO gb_runs (fingerprint, params, state) VALUES (?1, ?2, 'running')
