-- ?1: a JSON array of PrivatePiano nodes as the API gave them (ids unique, dates
-- valid). A link to a row not loaded (yet) is stored NULL (the node keeps it);
-- unchanged rows are not rewritten. One row back per row written.
INSERT INTO gazelle_pianos AS t (
  external_id, client_id, status, type, make, model, serial_number, year, size, location,
  use_type, service_interval_months, last_service, next_service, created_at, updated_at, node)
SELECT n.value ->> '$.id',
       (SELECT r.external_id FROM gazelle_clients r WHERE r.external_id = n.value ->> '$.client.id'),
       n.value ->> '$.status',
       n.value ->> '$.type',
       n.value ->> '$.make',
       n.value ->> '$.model',
       n.value ->> '$.serialNumber',
       n.value ->> '$.year',
       n.value ->> '$.size',
       n.value ->> '$.location',
       n.value ->> '$.useType',
       n.value ->> '$.serviceIntervalMonths',
       n.value ->> '$.calculatedLastService',
       n.value ->> '$.calculatedNextService',
       n.value ->> '$.createdAt',
       n.value ->> '$.updatedAt',
       n.value
FROM json_each(?1) AS n
WHERE true
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
  loaded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE t.node IS NOT excluded.node
   OR t.client_id IS NOT excluded.client_id
RETURNING ((client_id IS NULL AND node ->> '$.client.id' IS NOT NULL)) AS unlinked
