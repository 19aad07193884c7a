-- watch: the newest entry's occurred_at, epoch seconds (the occurred_at index's end).
SELECT floor(extract(epoch FROM max(occurred_at)))::bigint FROM gazelle_timeline_entries
