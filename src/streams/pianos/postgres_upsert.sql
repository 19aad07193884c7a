-- $1: a JSON array of PrivatePiano nodes as the API gave them (ids unique, dates
-- valid). A link to a row not loaded (yet) is stored NULL (the node keeps it);
-- unchanged rows are not rewritten. One row back per row written.
INSERT INTO gazelle_pianos AS t (
  external_id, client_id, status, type, make, model, serial_number, year, size, location,
  use_type, service_interval_months, last_service, next_service, created_at, updated_at, node)
SELECT n->>'id',
       (SELECT r.external_id FROM gazelle_clients r WHERE r.external_id = n->'client'->>'id'),
       n->>'status',
       n->>'type',
       n->>'make',
       n->>'model',
       n->>'serialNumber',
       (n->>'year')::bigint,
       n->>'size',
       n->>'location',
       n->>'useType',
       (n->>'serviceIntervalMonths')::bigint,
       (n->>'calculatedLastService')::date,
       (n->>'calculatedNextService')::date,
       (n->>'createdAt')::timestamptz,
       (n->>'updatedAt')::timestamptz,
       n
FROM jsonb_array_elements($1::jsonb) AS n
ON CONFLICT (external_id) DO UPDATE SET
  client_id = excluded.client_id,
  status = excluded.status,
  type = excluded.type,
  make = excluded.make,
  model = excluded.model,
  serial_number = excluded.serial_number,
  year = excluded.year,
  size = excluded.size,
  location = excluded.location,
  use_type = excluded.use_type,
  service_interval_months = excluded.service_interval_months,
  last_service = excluded.last_service,
  next_service = excluded.next_service,
  created_at = excluded.created_at,
  updated_at = excluded.updated_at,
  node = excluded.node,
  loaded_at = now()
WHERE t.node IS DISTINCT FROM excluded.node
   OR t.client_id IS DISTINCT FROM excluded.client_id
RETURNING ((t.client_id IS NULL AND t.node->'client'->>'id' IS NOT NULL)) AS unlinked
