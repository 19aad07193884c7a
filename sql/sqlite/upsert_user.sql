INSERT INTO users (id, first_name, last_name, email, role) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (id) DO UPDATE SET
  first_name = excluded.first_name,
  last_name = excluded.last_name,
  email = excluded.email,
  role = excluded.role,
  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
