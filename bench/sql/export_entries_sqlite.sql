-- The same rows in every column of src/streams/timeline/sqlite_create.sql, in its order
-- (sqlite3 .import fills an existing table positionally), in the API's order
-- (newest first), numbered in that order as an insert numbers them.
COPY (
  SELECT row_number() OVER (ORDER BY occurred_at DESC, external_id), external_id, client_id, piano_id, user_id, invoice_id, estimate_id,
         to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         entry_type, title, description, metadata,
         to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
  FROM gazelle_timeline_entries ORDER BY occurred_at DESC, external_id
) TO STDOUT (FORMAT csv)
