-- Which ids of the batch already exist ('e': their position in $1, with the
-- digest of the columns the upsert compares: row_digest.h computes the same
-- from the row to write, so an unchanged row need not be sent again), and
-- which links point at a row that is not there ('u': the id, and the link's
-- index in core/row_links.h kEntryLinks, $2 beside each id of $3; asked only
-- for the links declared as foreign keys): one round trip decides the path. unnest + join (not = ANY) so the planner probes
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
SELECT 'u', l.id, l.link::bigint, NULL::bigint
FROM unnest($2::int[], $3::text[]) AS l(link, id)
WHERE NOT CASE l.link
  WHEN 0 THEN EXISTS (SELECT 1 FROM users r WHERE r.id = l.id)
  WHEN 1 THEN EXISTS (SELECT 1 FROM gazelle_clients r WHERE r.external_id = l.id)
  WHEN 2 THEN EXISTS (SELECT 1 FROM gazelle_pianos r WHERE r.external_id = l.id)
  WHEN 3 THEN EXISTS (SELECT 1 FROM gazelle_invoices r WHERE r.external_id = l.id)
  ELSE EXISTS (SELECT 1 FROM gazelle_estimates r WHERE r.external_id = l.id)
END
