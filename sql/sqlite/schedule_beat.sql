-- sync --every: a worker (?1) syncs every ?2 seconds, next at ?3 (epoch seconds).
INSERT INTO gb_schedule (worker_id, every_s, next_at) VALUES (?1, ?2, ?3)
ON CONFLICT (worker_id) DO UPDATE SET every_s = excluded.every_s, next_at = excluded.next_at,
  beat_at = CAST(strftime('%s', 'now') AS INTEGER)
