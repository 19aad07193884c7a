-- Which ids of the batch already exist ('e'), and which user ids are unknown
-- ('u', only when user_id has a foreign key): one round trip decides the path.
-- unnest + join (not = ANY) so the planner probes the unique index per id
-- instead of scanning the whole table.
SELECT 'e', e.external_id
FROM unnest($1::text[]) AS i(id) JOIN gazelle_timeline_entries e ON e.external_id = i.id
UNION ALL
SELECT 'u', u.id FROM unnest($2::text[]) AS u(id)
WHERE $3::boolean AND NOT EXISTS (SELECT 1 FROM users WHERE users.id = u.id)
