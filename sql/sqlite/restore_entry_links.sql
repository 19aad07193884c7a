-- Entries whose link pointed at a row not there (the link NULL, the original
-- kept in metadata.unresolved_<link>_id: core/row_links.h) and whose row now
-- exists get that link back (a path not in metadata is removed as nothing).
UPDATE gazelle_timeline_entries SET
  user_id = coalesce(user_id, (SELECT r.id FROM users r
                               WHERE r.id = metadata ->> '$.unresolved_user_id')),
  client_id = coalesce(client_id, (SELECT r.external_id FROM gazelle_clients r
                                   WHERE r.external_id = metadata ->> '$.unresolved_client_id')),
  piano_id = coalesce(piano_id, (SELECT r.external_id FROM gazelle_pianos r
                                 WHERE r.external_id = metadata ->> '$.unresolved_piano_id')),
  invoice_id = coalesce(invoice_id, (SELECT r.external_id FROM gazelle_invoices r
                                     WHERE r.external_id = metadata ->> '$.unresolved_invoice_id')),
  estimate_id = coalesce(estimate_id,
                         (SELECT r.external_id FROM gazelle_estimates r
                          WHERE r.external_id = metadata ->> '$.unresolved_estimate_id')),
  metadata = json_remove(metadata,
    CASE WHEN EXISTS (SELECT 1 FROM users r WHERE r.id = metadata ->> '$.unresolved_user_id')
         THEN '$.unresolved_user_id' ELSE '$.unresolved_none' END,
    CASE WHEN EXISTS (SELECT 1 FROM gazelle_clients r
                      WHERE r.external_id = metadata ->> '$.unresolved_client_id')
         THEN '$.unresolved_client_id' ELSE '$.unresolved_none' END,
    CASE WHEN EXISTS (SELECT 1 FROM gazelle_pianos r
                      WHERE r.external_id = metadata ->> '$.unresolved_piano_id')
         THEN '$.unresolved_piano_id' ELSE '$.unresolved_none' END,
    CASE WHEN EXISTS (SELECT 1 FROM gazelle_invoices r
                      WHERE r.external_id = metadata ->> '$.unresolved_invoice_id')
         THEN '$.unresolved_invoice_id' ELSE '$.unresolved_none' END,
    CASE WHEN EXISTS (SELECT 1 FROM gazelle_estimates r
                      WHERE r.external_id = metadata ->> '$.unresolved_estimate_id')
         THEN '$.unresolved_estimate_id' ELSE '$.unresolved_none' END),
  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE metadata LIKE '%"unresolved\_%' ESCAPE '\' AND (
      EXISTS (SELECT 1 FROM users r WHERE r.id = metadata ->> '$.unresolved_user_id')
   OR EXISTS (SELECT 1 FROM gazelle_clients r
              WHERE r.external_id = metadata ->> '$.unresolved_client_id')
   OR EXISTS (SELECT 1 FROM gazelle_pianos r
              WHERE r.external_id = metadata ->> '$.unresolved_piano_id')
   OR EXISTS (SELECT 1 FROM gazelle_invoices r
              WHERE r.external_id = metadata ->> '$.unresolved_invoice_id')
   OR EXISTS (SELECT 1 FROM gazelle_estimates r
              WHERE r.external_id = metadata ->> '$.unresolved_estimate_id'))
