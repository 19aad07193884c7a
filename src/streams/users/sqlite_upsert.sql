INSERT INTO users (id, first_name, last_name, email, access_level, status)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (id) DO UPDATE SET
  first_name = excluded.first_name,
  last_name = excluded.last_name,
  email = excluded.email,
  access_level = excluded.access_level,
  status = excluded.status,
  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
