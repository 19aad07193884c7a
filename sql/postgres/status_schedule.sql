-- watch: the newest schedule of sync --every (its interval, next sync and heartbeat).
SELECT worker_id, every_s, floor(extract(epoch FROM next_at))::bigint,
  floor(extract(epoch FROM beat_at))::bigint
FROM gazelle_backfill.gb_schedule ORDER BY beat_at DESC LIMIT 1
