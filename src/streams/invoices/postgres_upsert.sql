-- $1: a JSON array of PrivateInvoice nodes as the API gave them (ids unique, dates
-- valid). A link to a row not loaded (yet) is stored NULL (the node keeps it);
-- unchanged rows are not rewritten. One row back per row written.
INSERT INTO gazelle_invoices AS t (
  external_id, client_id, created_by_id, assigned_to_id, number, status, archived, currency,
  sub_total, tax_total, tip_total, total, paid_total, due_total, due_on, items, created_at,
  updated_at, node)
SELECT n->>'id',
       (SELECT r.external_id FROM gazelle_clients r WHERE r.external_id = n->'client'->>'id'),
       (SELECT r.id FROM users r WHERE r.id = n->'createdBy'->>'id'),
       (SELECT r.id FROM users r WHERE r.id = n->'assignedTo'->>'id'),
       (n->>'number')::bigint,
       n->>'status',
       (n->>'archived')::boolean,
       n->'currency'->>'code',
       (n->>'subTotal')::bigint,
       (n->>'taxTotal')::bigint,
       (n->>'tipTotal')::bigint,
       (n->>'total')::bigint,
       (n->>'paidTotal')::bigint,
       (n->>'dueTotal')::bigint,
       (n->>'dueOn')::date,
       jsonb_array_length(n->'allInvoiceItems'->'nodes'),
       (n->>'createdAt')::timestamptz,
       (n->>'updatedAt')::timestamptz,
       n
FROM jsonb_array_elements($1::jsonb) AS n
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
  loaded_at = now()
WHERE t.node IS DISTINCT FROM excluded.node
   OR t.client_id IS DISTINCT FROM excluded.client_id
   OR t.created_by_id IS DISTINCT FROM excluded.created_by_id
   OR t.assigned_to_id IS DISTINCT FROM excluded.assigned_to_id
RETURNING ((t.client_id IS NULL AND t.node->'client'->>'id' IS NOT NULL)
        OR (t.created_by_id IS NULL AND t.node->'createdBy'->>'id' IS NOT NULL)
        OR (t.assigned_to_id IS NULL AND t.node->'assignedTo'->>'id' IS NOT NULL)) AS unlinked
