CREATE TABLE IF NOT EXISTS gazelle_estimates (
  external_id text COLLATE "C" PRIMARY KEY,
  client_id text COLLATE "C" REFERENCES gazelle_clients (external_id),
  piano_id text COLLATE "C" REFERENCES gazelle_pianos (external_id),
  created_by_id text COLLATE "C" REFERENCES users (id),
  assigned_to_id text COLLATE "C" REFERENCES users (id),
  number bigint,
  estimated_on date,
  expires_on date,
  is_archived boolean,
  recommended_tier_total bigint,
  tiers integer,
  created_at timestamptz,
  updated_at timestamptz,
  node jsonb NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
)
