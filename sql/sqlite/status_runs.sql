-- watch: the latest runs (the bookkeeping table is tiny; no scan of the entries).
SELECT id, state, reason, params,
  CAST(strftime('%s', started_at) AS INTEGER),
  CAST(strftime('%s', heartbeat_at) AS INTEGER),
  CAST(strftime('%s', finished_at) AS INTEGER)
FROM gb_runs ORDER BY id DESC LIMIT 5
