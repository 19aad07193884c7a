CREATE TABLE IF NOT EXISTS gazelle_estimates (
  external_id TEXT PRIMARY KEY,
  client_id TEXT REFERENCES gazelle_clients (external_id),
  piano_id TEXT REFERENCES gazelle_pianos (external_id),
  created_by_id TEXT REFERENCES users (id),
  assigned_to_id TEXT REFERENCES users (id),
  number INTEGER,
  estimated_on TEXT,
  expires_on TEXT,
  is_archived INTEGER,
  recommended_tier_total INTEGER,
  tiers INTEGER,
  created_at TEXT,
  updated_at TEXT,
  node TEXT NOT NULL,
  loaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)
