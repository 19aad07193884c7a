-- Entries whose link pointed at a row not there (the link NULL, the original
-- kept in metadata.unresolved_<link>_id: core/row_links.h) and whose row now
-- exists get that link back. Returns the entries given a link back, and
-- those with a link still nulled.
WITH found AS (
  SELECT e.external_id,
         (SELECT r.id FROM users r WHERE r.id = e.metadata->>'unresolved_user_id') AS user_id,
         (SELECT r.external_id FROM gazelle_clients r
          WHERE r.external_id = e.metadata->>'unresolved_client_id') AS client_id,
         (SELECT r.external_id FROM gazelle_pianos r
          WHERE r.external_id = e.metadata->>'unresolved_piano_id') AS piano_id,
         (SELECT r.external_id FROM gazelle_invoices r
          WHERE r.external_id = e.metadata->>'unresolved_invoice_id') AS invoice_id,
         (SELECT r.external_id FROM gazelle_estimates r
          WHERE r.external_id = e.metadata->>'unresolved_estimate_id') AS estimate_id
  FROM gazelle_timeline_entries e
  WHERE e.metadata ?| ARRAY['unresolved_user_id', 'unresolved_client_id', 'unresolved_piano_id',
                            'unresolved_invoice_id', 'unresolved_estimate_id']
), restored AS (
  UPDATE gazelle_timeline_entries e SET
    user_id = coalesce(e.user_id, f.user_id),
    client_id = coalesce(e.client_id, f.client_id),
    piano_id = coalesce(e.piano_id, f.piano_id),
    invoice_id = coalesce(e.invoice_id, f.invoice_id),
    estimate_id = coalesce(e.estimate_id, f.estimate_id),
    metadata = e.metadata - array_remove(ARRAY[
      CASE WHEN f.user_id IS NOT NULL THEN 'unresolved_user_id' END,
      CASE WHEN f.client_id IS NOT NULL THEN 'unresolved_client_id' END,
      CASE WHEN f.piano_id IS NOT NULL THEN 'unresolved_piano_id' END,
      CASE WHEN f.invoice_id IS NOT NULL THEN 'unresolved_invoice_id' END,
      CASE WHEN f.estimate_id IS NOT NULL THEN 'unresolved_estimate_id' END], NULL),
    updated_at = now()
  FROM found f
  WHERE e.external_id = f.external_id
    AND num_nonnulls(f.user_id, f.client_id, f.piano_id, f.invoice_id, f.estimate_id) > 0
  RETURNING e.metadata ?| ARRAY['unresolved_user_id', 'unresolved_client_id',
                                'unresolved_piano_id', 'unresolved_invoice_id',
                                'unresolved_estimate_id'] AS still
)
SELECT (SELECT count(*) FROM restored)::bigint,
       ((SELECT count(*) FROM found) - (SELECT count(*) FILTER (WHERE NOT still) FROM restored))::bigint
