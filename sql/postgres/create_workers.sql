CREATE TABLE IF NOT EXISTS gazelle_backfill.gb_workers (
  run_id bigint NOT NULL REFERENCES gazelle_backfill.gb_runs(id) ON DELETE CASCADE,
  worker_id text NOT NULL,
  host text NOT NULL,
  pid bigint NOT NULL,
  state text NOT NULL,
  reason text NOT NULL DEFAULT '',
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz NOT NULL DEFAULT now(),
  reason_code text,
  reason_until timestamptz,
  reason_attempt integer,
  reason_http_status integer,
  reason_detail text,
  reason_rate bigint,
  reason_pace bigint,
  PRIMARY KEY (run_id, worker_id)
)
