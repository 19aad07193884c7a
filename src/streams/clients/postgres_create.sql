CREATE TABLE IF NOT EXISTS gazelle_clients (
  external_id text COLLATE "C" PRIMARY KEY,
  status text,
  client_type text,
  company_name text,
  reference_id text,
  region text,
  referred_by text,
  preferred_technician_id text COLLATE "C" REFERENCES users (id),
  default_contact_id text COLLATE "C",
  contacts integer,
  created_at timestamptz,
  updated_at timestamptz,
  node jsonb NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
)
