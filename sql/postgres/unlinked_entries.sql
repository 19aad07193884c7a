-- Entries whose link to a user is nulled (the user was unknown; original in metadata).
SELECT count(*) FROM gazelle_timeline_entries
WHERE user_id IS NULL AND metadata ? 'unresolved_user_id'
