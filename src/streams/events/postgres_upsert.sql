-- $1: a JSON array of PrivateEvent nodes as the API gave them (ids unique, dates
-- valid). A link to a row not loaded (yet) is stored NULL (the node keeps it;
-- a piano of allEventPianos waits there: postgres_pianos_write.sql);
-- unchanged rows are not rewritten. One row back per row written.
INSERT INTO gazelle_events AS t (
  external_id, client_id, user_id, created_by_id, type, status, title, start_at,
  duration_minutes, is_all_day, timezone, confirmed_by_client, confirmed_at, pianos, created_at,
  updated_at, node)
SELECT n->>'id',
       (SELECT r.external_id FROM gazelle_clients r WHERE r.external_id = n->'client'->>'id'),
       (SELECT r.id FROM users r WHERE r.id = n->'user'->>'id'),
       (SELECT r.id FROM users r WHERE r.id = n->'createdBy'->>'id'),
       n->>'type',
       n->>'status',
       n->>'title',
       (n->>'start')::timestamptz,
       (n->>'duration')::bigint,
       (n->>'isAllDay')::boolean,
       n->>'timezone',
       (n->>'confirmedByClient')::boolean,
       (n->>'confirmedAt')::timestamptz,
       CASE jsonb_typeof(n->'allEventPianos'->'nodes')
         WHEN 'array' THEN jsonb_array_length(n->'allEventPianos'->'nodes') WHEN 'null' THEN 0 END,
       (n->>'createdAt')::timestamptz,
       (n->>'updatedAt')::timestamptz,
       n
FROM jsonb_array_elements($1::jsonb) AS n
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
  loaded_at = now()
WHERE t.node IS DISTINCT FROM excluded.node
   OR t.client_id IS DISTINCT FROM excluded.client_id
   OR t.user_id IS DISTINCT FROM excluded.user_id
   OR t.created_by_id IS DISTINCT FROM excluded.created_by_id
RETURNING ((t.client_id IS NULL AND t.node->'client'->>'id' IS NOT NULL)
        OR (t.user_id IS NULL AND t.node->'user'->>'id' IS NOT NULL)
        OR (t.created_by_id IS NULL AND t.node->'createdBy'->>'id' IS NOT NULL)
        OR EXISTS (
          SELECT 1
          FROM jsonb_path_query(t.node, 'lax $.allEventPianos.nodes[*]') AS p
          WHERE p->'piano'->>'id' IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM gazelle_pianos r
                            WHERE r.external_id = p->'piano'->>'id'))) AS unlinked
