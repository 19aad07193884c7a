-- Links stored NULL because their row was not loaded yet (the node keeps
-- them), given back now that it is. One row back per row touched: true when
-- every link of the row is back.
UPDATE gazelle_invoices AS t SET
  client_id = coalesce(t.client_id, (SELECT r.external_id FROM gazelle_clients r WHERE r.external_id = t.node ->> '$.client.id')),
  created_by_id = coalesce(t.created_by_id, (SELECT r.id FROM users r WHERE r.id = t.node ->> '$.createdBy.id')),
  assigned_to_id = coalesce(t.assigned_to_id, (SELECT r.id FROM users r WHERE r.id = t.node ->> '$.assignedTo.id'))
WHERE (t.client_id IS NULL AND t.node ->> '$.client.id' IS NOT NULL)
   OR (t.created_by_id IS NULL AND t.node ->> '$.createdBy.id' IS NOT NULL)
   OR (t.assigned_to_id IS NULL AND t.node ->> '$.assignedTo.id' IS NOT NULL)
RETURNING NOT ((client_id IS NULL AND node ->> '$.client.id' IS NOT NULL)
            OR (created_by_id IS NULL AND node ->> '$.createdBy.id' IS NOT NULL)
            OR (assigned_to_id IS NULL AND node ->> '$.assignedTo.id' IS NOT NULL)) AS restored
