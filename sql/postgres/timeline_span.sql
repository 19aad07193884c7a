-- sync: the oldest and the newest occurred_at of the stored entries (epoch seconds; NULL
-- when there are none), the ends of the occurred_at index.
SELECT extract(epoch FROM min(occurred_at))::bigint, extract(epoch FROM max(occurred_at))::bigint
FROM gazelle_timeline_entries
