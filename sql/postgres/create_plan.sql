CREATE TABLE IF NOT EXISTS gb_plan (
  run_id bigint NOT NULL REFERENCES gb_runs(id) ON DELETE CASCADE,
  year integer NOT NULL,
  expected bigint NOT NULL,
  PRIMARY KEY (run_id, year)
)
