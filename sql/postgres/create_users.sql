CREATE TABLE IF NOT EXISTS users (
  id text PRIMARY KEY,
  first_name text,
  last_name text,
  email text,
  role text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
)
