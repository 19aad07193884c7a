-- rejects retry: a row that still fails keeps its new reason.
UPDATE gb_rejects SET sqlstate = ?2, reason = ?3,
  created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE id = ?1
