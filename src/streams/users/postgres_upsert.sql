INSERT INTO users (id, first_name, last_name, email, access_level, status)
SELECT id, first_name, last_name, email, access_level, status
FROM jsonb_to_recordset($1::jsonb)
  AS u(id text, first_name text, last_name text, email text, access_level text, status text)
ON CONFLICT (id) DO UPDATE SET
  first_name = EXCLUDED.first_name,
  last_name = EXCLUDED.last_name,
  email = EXCLUDED.email,
  access_level = EXCLUDED.access_level,
  status = EXCLUDED.status,
  updated_at = now()
WHERE (users.first_name, users.last_name, users.email, users.access_level, users.status)
      IS DISTINCT FROM (EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.email,
                        EXCLUDED.access_level, EXCLUDED.status)
