-- verify: rows of [$1, $2) whose link to a user is nulled (the user was
-- unknown; the original kept in metadata.unresolved_user_id).
SELECT count(*) FROM gazelle_timeline_entries
WHERE occurred_at >= to_timestamp($1) AND occurred_at < to_timestamp($2)
  AND user_id IS NULL AND metadata ? 'unresolved_user_id'
