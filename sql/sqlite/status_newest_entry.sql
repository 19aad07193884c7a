-- watch: the newest entry's occurred_at, epoch seconds (the occurred_at index's end).
SELECT CAST(strftime('%s', max(occurred_at)) AS INTEGER) FROM gazelle_timeline_entries
