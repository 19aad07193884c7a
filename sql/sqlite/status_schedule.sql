-- watch: the newest schedule of sync --every (its interval, next sync and heartbeat).
SELECT worker_id, every_s, next_at, beat_at FROM gb_schedule ORDER BY beat_at DESC LIMIT 1
