-- Entries whose user was unknown (user_id NULL, the original kept in
-- metadata.unresolved_user_id) and whose user now exists get their link back.
UPDATE gazelle_timeline_entries
SET user_id = json_extract(metadata, '$.unresolved_user_id'),
    metadata = json_remove(metadata, '$.unresolved_user_id'),
    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE user_id IS NULL AND json_extract(metadata, '$.unresolved_user_id') IS NOT NULL
  AND EXISTS (SELECT 1 FROM users u WHERE u.id = json_extract(metadata, '$.unresolved_user_id'))
