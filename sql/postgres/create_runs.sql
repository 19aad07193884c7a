CREATE TABLE IF NOT EXISTS gazelle_backfill.gb_runs (
  id bigserial PRIMARY KEY,
  fingerprint text NOT NULL,
  params text NOT NULL,
  state text NOT NULL DEFAULT 'running',
  reason text NOT NULL DEFAULT '',
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  heartbeat_at timestamptz NOT NULL DEFAULT now()
)
