-- watch: rows in the destination, estimated by the largest rowid (one index probe, no COUNT(*)).
SELECT coalesce(max(id), 0) FROM gazelle_timeline_entries
