-- ?1: a JSON array of PrivateEvent nodes as the API gave them (ids unique, dates
-- valid). A link to a row not loaded (yet) is stored NULL (the node keeps it;
-- a piano of allEventPianos waits there: sqlite_pianos_write.sql);
-- unchanged rows are not rewritten. One row back per row written.
INSERT INTO gazelle_events AS t (
  external_id, client_id, user_id, created_by_id, type, status, title, start_at,
  duration_minutes, is_all_day, timezone, confirmed_by_client, confirmed_at, pianos, created_at,
  updated_at, node)
SELECT n.value ->> '$.id',
       (SELECT r.external_id FROM gazelle_clients r WHERE r.external_id = n.value ->> '$.client.id'),
       (SELECT r.id FROM users r WHERE r.id = n.value ->> '$.user.id'),
       (SELECT r.id FROM users r WHERE r.id = n.value ->> '$.createdBy.id'),
       n.value ->> '$.type',
       n.value ->> '$.status',
       n.value ->> '$.title',
       n.value ->> '$.start',
       n.value ->> '$.duration',
       n.value ->> '$.isAllDay',
       n.value ->> '$.timezone',
       n.value ->> '$.confirmedByClient',
       n.value ->> '$.confirmedAt',
       json_array_length(n.value, '$.allEventPianos.nodes'),
       n.value ->> '$.createdAt',
       n.value ->> '$.updatedAt',
       n.value
FROM json_each(?1) AS n
WHERE true
ON CONFLICT (external_id) DO UPDATE SET
  client_id = excluded.client_id,
  user_id = excluded.user_id,
  created_by_id = excluded.created_by_id,
  type = excluded.type,
  status = excluded.status,
  title = excluded.title,
  start_at = excluded.start_at,
  duration_minutes = excluded.duration_minutes,
  is_all_day = excluded.is_all_day,
  timezone = excluded.timezone,
  confirmed_by_client = excluded.confirmed_by_client,
  confirmed_at = excluded.confirmed_at,
  pianos = excluded.pianos,
  created_at = excluded.created_at,
  updated_at = excluded.updated_at,
  node = excluded.node,
  loaded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE t.node IS NOT excluded.node
   OR t.client_id IS NOT excluded.client_id
   OR t.user_id IS NOT excluded.user_id
   OR t.created_by_id IS NOT excluded.created_by_id
RETURNING ((client_id IS NULL AND node ->> '$.client.id' IS NOT NULL)
        OR (user_id IS NULL AND node ->> '$.user.id' IS NOT NULL)
        OR (created_by_id IS NULL AND node ->> '$.createdBy.id' IS NOT NULL)
        OR EXISTS (
          SELECT 1 FROM json_each(node, '$.allEventPianos.nodes') AS p
          WHERE p.value ->> '$.piano.id' IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM gazelle_pianos r
                            WHERE r.external_id = p.value ->> '$.piano.id'))) AS unlinked
