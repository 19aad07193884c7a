CREATE TABLE IF NOT EXISTS gazelle_clients (
  external_id TEXT PRIMARY KEY,
  status TEXT,
  client_type TEXT,
  company_name TEXT,
  reference_id TEXT,
  region TEXT,
  referred_by TEXT,
  preferred_technician_id TEXT REFERENCES users (id),
  default_contact_id TEXT,
  contacts INTEGER,
  created_at TEXT,
  updated_at TEXT,
  node TEXT NOT NULL,
  loaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)
