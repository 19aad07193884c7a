CREATE TABLE IF NOT EXISTS gazelle_backfill.gb_counters (
  run_id bigint NOT NULL REFERENCES gazelle_backfill.gb_runs(id) ON DELETE CASCADE,
  year integer NOT NULL,
  type text NOT NULL,
  inserted bigint NOT NULL DEFAULT 0,
  updated bigint NOT NULL DEFAULT 0,
  unchanged bigint NOT NULL DEFAULT 0,
  repaired bigint NOT NULL DEFAULT 0,
  unlinked bigint NOT NULL DEFAULT 0,  -- links nulled, a part of repaired
  rejected bigint NOT NULL DEFAULT 0,
  skipped bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, year, type)
)
