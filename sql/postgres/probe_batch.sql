-- Which ids of the batch already exist ('e': their position in $1, with the
-- digest of the columns the upsert compares: row_digest.h computes the same
-- from the row to write, so an unchanged row need not be sent again), and
-- which user ids are unknown ('u', only when user_id has a foreign key): one
-- round trip decides the path. unnest + join (not = ANY) so the planner probes
-- the unique index per id instead of scanning the whole table.
--
-- The digest chains hashtextextended over the columns in order, each column's
-- hash seeded with the one before, its seed's lowest bit flipped for NULL
-- (NULL is not ''): no text is built but the time's and the metadata's.
-- COLLATE "C": the hash of the bytes, whatever the columns' collation
-- (pg_text_hash.h).
SELECT 'e', NULL::text, i.n,
  hashtextextended(coalesce(e.metadata::text, '') COLLATE "C",
  hashtextextended(coalesce(e.description, '') COLLATE "C",
  hashtextextended(coalesce(e.title, '') COLLATE "C",
  hashtextextended(coalesce(e.entry_type, '') COLLATE "C",
  hashtextextended(coalesce(extract(epoch FROM e.occurred_at)::text, '') COLLATE "C",
  hashtextextended(coalesce(e.estimate_id, '') COLLATE "C",
  hashtextextended(coalesce(e.invoice_id, '') COLLATE "C",
  hashtextextended(coalesce(e.user_id, '') COLLATE "C",
  hashtextextended(coalesce(e.piano_id, '') COLLATE "C",
  hashtextextended(coalesce(e.client_id, '') COLLATE "C",
    (e.client_id IS NULL)::int::bigint)
    # (e.piano_id IS NULL)::int::bigint)
    # (e.user_id IS NULL)::int::bigint)
    # (e.invoice_id IS NULL)::int::bigint)
    # (e.estimate_id IS NULL)::int::bigint)
    # (e.occurred_at IS NULL)::int::bigint)
    # (e.entry_type IS NULL)::int::bigint)
    # (e.title IS NULL)::int::bigint)
    # (e.description IS NULL)::int::bigint)
    # (e.metadata IS NULL)::int::bigint)
FROM unnest($1::text[]) WITH ORDINALITY AS i(id, n)
JOIN gazelle_timeline_entries e ON e.external_id = i.id
UNION ALL
SELECT 'u', u.id, NULL::bigint, NULL::bigint FROM unnest($2::text[]) AS u(id)
WHERE $3::boolean AND NOT EXISTS (SELECT 1 FROM users WHERE users.id = u.id)
