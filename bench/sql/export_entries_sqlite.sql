-- The same rows in every column of sql/sqlite/create_entries.sql, in its order
-- (sqlite3 .import fills an existing table positionally).
COPY (
  SELECT id, external_id, client_id, piano_id, user_id, invoice_id, estimate_id,
         to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         entry_type, title, description, metadata,
         to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
  FROM gazelle_timeline_entries ORDER BY id
) TO STDOUT (FORMAT csv)
