-- Entries whose user was unknown (user_id NULL, the original kept in
-- metadata.unresolved_user_id) and whose user now exists get their link back.
-- Returns the links restored and those still nulled.
WITH restored AS (
  UPDATE gazelle_timeline_entries e
  SET user_id = u.id, metadata = e.metadata - 'unresolved_user_id', updated_at = now()
  FROM users u
  WHERE e.user_id IS NULL AND e.metadata ? 'unresolved_user_id'
    AND u.id = e.metadata->>'unresolved_user_id'
  RETURNING 1
)
SELECT (SELECT count(*) FROM restored)::bigint,
       ((SELECT count(*) FROM gazelle_timeline_entries
         WHERE user_id IS NULL AND metadata ? 'unresolved_user_id')
        - (SELECT count(*) FROM restored))::bigint
