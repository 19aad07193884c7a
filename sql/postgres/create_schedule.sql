CREATE TABLE IF NOT EXISTS gazelle_backfill.gb_schedule (
  worker_id text PRIMARY KEY,
  every_s bigint NOT NULL,
  next_at timestamptz NOT NULL,
  beat_at timestamptz NOT NULL DEFAULT now()
)
