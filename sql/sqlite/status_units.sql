SELECT id, name, state, coalesce(lease_owner, ''),
  CAST(strftime('%s', lease_expires_at) AS INTEGER), cursor, fetched,
  CAST(strftime('%s', updated_at) AS INTEGER)
FROM gb_units WHERE run_id = ?1 ORDER BY id
