-- The loaded rows as CSV, in the columns the loader writes (the baselines load
-- exactly these rows: transformed, unknown users already repaired), in the
-- API's order: newest first.
COPY (
  SELECT external_id, client_id, piano_id, user_id, invoice_id, estimate_id, occurred_at,
         entry_type, title, description, metadata
  FROM gazelle_timeline_entries ORDER BY occurred_at DESC, external_id
) TO STDOUT (FORMAT csv)
