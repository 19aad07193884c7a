-- sync --every: a worker ($1) syncs every $2 seconds, next at $3 (epoch seconds).
INSERT INTO gazelle_backfill.gb_schedule (worker_id, every_s, next_at) VALUES ($1, $2, to_timestamp($3))
ON CONFLICT (worker_id) DO UPDATE SET every_s = EXCLUDED.every_s, next_at = EXCLUDED.next_at,
  beat_at = now()
