-- The row as it is: a link to a row not there was nulled and kept in
-- metadata before (core/row_links.h).
INSERT INTO gazelle_timeline_entries AS t
  (external_id, client_id, piano_id, user_id, invoice_id, estimate_id, occurred_at,
   entry_type, title, description, metadata, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
        strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
ON CONFLICT (external_id) DO UPDATE SET
  client_id = excluded.client_id,
  piano_id = excluded.piano_id,
  user_id = excluded.user_id,
  invoice_id = excluded.invoice_id,
  estimate_id = excluded.estimate_id,
  occurred_at = excluded.occurred_at,
  entry_type = excluded.entry_type,
  title = excluded.title,
  description = excluded.description,
  metadata = excluded.metadata,
  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE (t.client_id, t.piano_id, t.user_id, t.invoice_id, t.estimate_id, t.occurred_at,
       t.entry_type, t.title, t.description, t.metadata)
      IS NOT
      (excluded.client_id, excluded.piano_id, excluded.user_id, excluded.invoice_id,
       excluded.estimate_id, excluded.occurred_at, excluded.entry_type, excluded.title,
       excluded.description, excluded.metadata)
