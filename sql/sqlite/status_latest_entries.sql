-- watch: the newest rows by primary key (an index walk of 5 rows, never a scan).
SELECT external_id, coalesce(entry_type, ''), coalesce(occurred_at, '')
FROM gazelle_timeline_entries ORDER BY id DESC LIMIT 5
