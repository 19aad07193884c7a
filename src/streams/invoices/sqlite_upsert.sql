-- ?1: a JSON array of PrivateInvoice nodes as the API gave them (ids unique, dates
-- valid). A link to a row not loaded (yet) is stored NULL (the node keeps it);
-- unchanged rows are not rewritten. One row back per row written.
INSERT INTO gazelle_invoices AS t (
  external_id, client_id, created_by_id, assigned_to_id, number, status, archived, currency,
  sub_total, tax_total, tip_total, total, paid_total, due_total, due_on, items, created_at,
  updated_at, node)
SELECT n.value ->> '$.id',
       (SELECT r.external_id FROM gazelle_clients r WHERE r.external_id = n.value ->> '$.client.id'),
       (SELECT r.id FROM users r WHERE r.id = n.value ->> '$.createdBy.id'),
       (SELECT r.id FROM users r WHERE r.id = n.value ->> '$.assignedTo.id'),
       n.value ->> '$.number',
       n.value ->> '$.status',
       n.value ->> '$.archived',
       n.value ->> '$.currency.code',
       n.value ->> '$.subTotal',
       n.value ->> '$.taxTotal',
       n.value ->> '$.tipTotal',
       n.value ->> '$.total',
       n.value ->> '$.paidTotal',
       n.value ->> '$.dueTotal',
       n.value ->> '$.dueOn',
       json_array_length(n.value, '$.allInvoiceItems.nodes'),
       n.value ->> '$.createdAt',
       n.value ->> '$.updatedAt',
       n.value
FROM json_each(?1) AS n
WHERE true
ON CONFLICT (external_id) DO UPDATE SET
  client_id = excluded.client_id,
  created_by_id = excluded.created_by_id,
  assigned_to_id = excluded.assigned_to_id,
  number = excluded.number,
  status = excluded.status,
  archived = excluded.archived,
  currency = excluded.currency,
  sub_total = excluded.sub_total,
  tax_total = excluded.tax_total,
  tip_total = excluded.tip_total,
  total = excluded.total,
  paid_total = excluded.paid_total,
  due_total = excluded.due_total,
  due_on = excluded.due_on,
  items = excluded.items,
  created_at = excluded.created_at,
  updated_at = excluded.updated_at,
  node = excluded.node,
  loaded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE t.node IS NOT excluded.node
   OR t.client_id IS NOT excluded.client_id
   OR t.created_by_id IS NOT excluded.created_by_id
   OR t.assigned_to_id IS NOT excluded.assigned_to_id
RETURNING ((client_id IS NULL AND node ->> '$.client.id' IS NOT NULL)
        OR (created_by_id IS NULL AND node ->> '$.createdBy.id' IS NOT NULL)
        OR (assigned_to_id IS NULL AND node ->> '$.assignedTo.id' IS NOT NULL)) AS unlinked
