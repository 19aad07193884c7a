CREATE TABLE IF NOT EXISTS gazelle_backfill.gb_plan (
  run_id bigint NOT NULL REFERENCES gazelle_backfill.gb_runs(id) ON DELETE CASCADE,
  year integer NOT NULL,
  expected bigint NOT NULL,
  PRIMARY KEY (run_id, year)
)
