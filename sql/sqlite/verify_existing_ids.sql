-- verify --list-missing: which ids of a batch (a JSON array) exist, in one statement.
SELECT DISTINCT external_id FROM gazelle_timeline_entries
WHERE external_id IN (SELECT value FROM json_each(?1))
