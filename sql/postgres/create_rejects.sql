CREATE TABLE IF NOT EXISTS gazelle_backfill.gb_rejects (
  id bigserial PRIMARY KEY,
  run_id bigint NOT NULL REFERENCES gazelle_backfill.gb_runs(id) ON DELETE CASCADE,
  unit text NOT NULL,
  external_id text NOT NULL,
  year integer NOT NULL,
  type text NOT NULL,
  sqlstate text NOT NULL,
  reason text NOT NULL,
  raw text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)
