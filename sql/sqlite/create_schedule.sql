CREATE TABLE IF NOT EXISTS gb_schedule (
  worker_id TEXT PRIMARY KEY,
  every_s INTEGER NOT NULL,
  next_at INTEGER NOT NULL,
  beat_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER))
)
