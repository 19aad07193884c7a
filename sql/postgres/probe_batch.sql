-- Which ids of the batch already exist ('e'), and which user ids are unknown
-- ('u', only when user_id has a foreign key): one round trip decides the path.
SELECT 'e', e.external_id FROM gazelle_timeline_entries e WHERE e.external_id = ANY ($1::text[])
UNION ALL
SELECT 'u', u.id FROM unnest($2::text[]) AS u(id)
WHERE $3::boolean AND NOT EXISTS (SELECT 1 FROM users WHERE users.id = u.id)
