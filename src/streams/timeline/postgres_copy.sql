COPY gazelle_timeline_entries (external_id, client_id, piano_id, user_id, invoice_id,
  estimate_id, occurred_at, entry_type, title, description, metadata) FROM STDIN
