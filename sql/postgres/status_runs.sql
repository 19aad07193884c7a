-- watch: the latest runs (the bookkeeping table is tiny; no scan of the entries).
SELECT id, state, reason, params,
  floor(extract(epoch FROM started_at))::bigint,
  floor(extract(epoch FROM heartbeat_at))::bigint,
  floor(extract(epoch FROM finished_at))::bigint
FROM gazelle_backfill.gb_runs ORDER BY id DESC LIMIT 5
