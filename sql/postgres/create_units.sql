CREATE TABLE IF NOT EXISTS gazelle_backfill.gb_units (
  id bigserial PRIMARY KEY,
  run_id bigint NOT NULL REFERENCES gazelle_backfill.gb_runs(id) ON DELETE CASCADE,
  name text NOT NULL,
  spec jsonb NOT NULL,
  cursor text NOT NULL DEFAULT '',
  fetched bigint NOT NULL DEFAULT 0,
  state text NOT NULL DEFAULT 'pending',
  lease_owner text,
  lease_expires_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (run_id, name)
)
