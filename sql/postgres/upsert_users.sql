INSERT INTO users (id, first_name, last_name, email, role)
SELECT id, first_name, last_name, email, role
FROM jsonb_to_recordset($1::jsonb)
  AS u(id text, first_name text, last_name text, email text, role text)
ON CONFLICT (id) DO UPDATE SET
  first_name = EXCLUDED.first_name,
  last_name = EXCLUDED.last_name,
  email = EXCLUDED.email,
  role = EXCLUDED.role,
  updated_at = now()
WHERE (users.first_name, users.last_name, users.email, users.role)
      IS DISTINCT FROM (EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.email, EXCLUDED.role)
