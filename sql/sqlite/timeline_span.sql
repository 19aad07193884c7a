-- sync: the oldest and the newest occurred_at of the stored entries (ISO 8601 UTC text;
-- NULL when there are none), the ends of the occurred_at index.
SELECT min(occurred_at), max(occurred_at) FROM gazelle_timeline_entries
