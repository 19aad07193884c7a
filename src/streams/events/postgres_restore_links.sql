-- Links stored NULL because their row was not loaded yet (the node keeps
-- them), given back now that it is. One row back per row touched: true when
-- every link of the row is back.
UPDATE gazelle_events AS t SET
  client_id = coalesce(t.client_id, (SELECT r.external_id FROM gazelle_clients r WHERE r.external_id = t.node->'client'->>'id')),
  user_id = coalesce(t.user_id, (SELECT r.id FROM users r WHERE r.id = t.node->'user'->>'id')),
  created_by_id = coalesce(t.created_by_id, (SELECT r.id FROM users r WHERE r.id = t.node->'createdBy'->>'id'))
WHERE (t.client_id IS NULL AND t.node->'client'->>'id' IS NOT NULL)
   OR (t.user_id IS NULL AND t.node->'user'->>'id' IS NOT NULL)
   OR (t.created_by_id IS NULL AND t.node->'createdBy'->>'id' IS NOT NULL)
RETURNING NOT ((t.client_id IS NULL AND t.node->'client'->>'id' IS NOT NULL)
            OR (t.user_id IS NULL AND t.node->'user'->>'id' IS NOT NULL)
            OR (t.created_by_id IS NULL AND t.node->'createdBy'->>'id' IS NOT NULL)) AS restored
