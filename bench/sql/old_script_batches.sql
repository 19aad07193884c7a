-- The old Python scripts' way as SQL text: one multi-row INSERT … VALUES …
-- ON CONFLICT of 500 literal rows per statement, as psycopg2's execute_values
-- sends it; run by psql in autocommit, so each statement is one transaction.
-- Rows in the API's order (newest first).
SELECT format(
  'INSERT INTO gazelle_timeline_entries (external_id, client_id, piano_id, user_id, invoice_id, '
  'estimate_id, occurred_at, entry_type, title, description, metadata) VALUES %s '
  'ON CONFLICT (external_id) DO UPDATE SET client_id = EXCLUDED.client_id, '
  'piano_id = EXCLUDED.piano_id, user_id = EXCLUDED.user_id, invoice_id = EXCLUDED.invoice_id, '
  'estimate_id = EXCLUDED.estimate_id, occurred_at = EXCLUDED.occurred_at, '
  'entry_type = EXCLUDED.entry_type, title = EXCLUDED.title, '
  'description = EXCLUDED.description, metadata = EXCLUDED.metadata, updated_at = now();',
  string_agg(format('(%L,%L,%L,%L,%L,%L,%L,%L,%L,%L,%L)', external_id, client_id, piano_id,
                    user_id, invoice_id, estimate_id, occurred_at, entry_type, title,
                    description, metadata), ','))
FROM (SELECT e.*, (row_number() OVER (ORDER BY occurred_at DESC, external_id) - 1) / 500 AS batch
      FROM gazelle_timeline_entries e) b
GROUP BY batch
ORDER BY batch
