-- verify: rows of [?1, ?2) whose link to a user is nulled (the user was
-- unknown; the original kept in metadata.unresolved_user_id).
SELECT count(*) FROM gazelle_timeline_entries
WHERE occurred_at >= ?1 AND occurred_at < ?2
  AND user_id IS NULL AND json_extract(metadata, '$.unresolved_user_id') IS NOT NULL
