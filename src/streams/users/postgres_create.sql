CREATE TABLE IF NOT EXISTS users (
  id text COLLATE "C" PRIMARY KEY,
  first_name text,
  last_name text,
  email text,
  role text,
  access_level text,
  status text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
)
