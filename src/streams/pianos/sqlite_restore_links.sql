-- Links stored NULL because their row was not loaded yet (the node keeps
-- them), given back now that it is. One row back per row touched: true when
-- every link of the row is back.
UPDATE gazelle_pianos AS t SET
  client_id = coalesce(t.client_id, (SELECT r.external_id FROM gazelle_clients r WHERE r.external_id = t.node ->> '$.client.id'))
WHERE (t.client_id IS NULL AND t.node ->> '$.client.id' IS NOT NULL)
RETURNING NOT ((client_id IS NULL AND node ->> '$.client.id' IS NOT NULL)) AS restored
