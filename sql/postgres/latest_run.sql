SELECT id, fingerprint, params, state, extract(epoch FROM started_at)::bigint,
       (SELECT count(*) FROM gazelle_backfill.gb_units u WHERE u.run_id = gb_runs.id)
FROM gazelle_backfill.gb_runs ORDER BY id DESC LIMIT 1
