-- verify --list-missing: which ids of a batch exist, in one round trip
-- (unnest + join so the unique index is probed per id).
SELECT DISTINCT e.external_id
FROM unnest($1::text[]) AS i(id) JOIN gazelle_timeline_entries e ON e.external_id = i.id
