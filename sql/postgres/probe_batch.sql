-- Which ids of the batch already exist ('e', with the digest of the columns
-- the upsert compares: row_digest.h computes the same from the row to write,
-- so an unchanged row need not be sent again), and which user ids are unknown
-- ('u', only when user_id has a foreign key): one round trip decides the path.
-- unnest + join (not = ANY) so the planner probes the unique index per id
-- instead of scanning the whole table. COLLATE "C": the hash of the bytes,
-- whatever the columns' collation (pg_text_hash.h).
SELECT 'e', e.external_id,
       hashtextextended(coalesce('V' || octet_length(e.client_id) || ':' || e.client_id, 'N') ||
           coalesce('V' || octet_length(e.piano_id) || ':' || e.piano_id, 'N') ||
           coalesce('V' || octet_length(e.user_id) || ':' || e.user_id, 'N') ||
           coalesce('V' || octet_length(e.invoice_id) || ':' || e.invoice_id, 'N') ||
           coalesce('V' || octet_length(e.estimate_id) || ':' || e.estimate_id, 'N') ||
           coalesce('V' || octet_length(extract(epoch FROM e.occurred_at)::text) || ':' ||
                    extract(epoch FROM e.occurred_at)::text, 'N') ||
           coalesce('V' || octet_length(e.entry_type) || ':' || e.entry_type, 'N') ||
           coalesce('V' || octet_length(e.title) || ':' || e.title, 'N') ||
           coalesce('V' || octet_length(e.description) || ':' || e.description, 'N') ||
           coalesce('V' || octet_length(e.metadata::text) || ':' || e.metadata::text, 'N')
           COLLATE "C", 0)
FROM unnest($1::text[]) AS i(id) JOIN gazelle_timeline_entries e ON e.external_id = i.id
UNION ALL
SELECT 'u', u.id, NULL::bigint FROM unnest($2::text[]) AS u(id)
WHERE $3::boolean AND NOT EXISTS (SELECT 1 FROM users WHERE users.id = u.id)
