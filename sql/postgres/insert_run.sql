INSERT INTO gazelle_backfill.gb_runs (fingerprint, params, state)
VALUES ($1, $2, 'running')
RETURNING id, fingerprint, params, state, extract(epoch FROM started_at)::bigint
