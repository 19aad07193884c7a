-- Links stored NULL because their row was not loaded yet (the node keeps
-- them), given back now that it is. One row back per row touched: true when
-- every link of the row is back.
UPDATE gazelle_clients AS t SET
  preferred_technician_id = coalesce(t.preferred_technician_id, (SELECT r.id FROM users r WHERE r.id = t.node ->> '$.preferredTechnician.id'))
WHERE (t.preferred_technician_id IS NULL AND t.node ->> '$.preferredTechnician.id' IS NOT NULL)
RETURNING NOT ((preferred_technician_id IS NULL AND node ->> '$.preferredTechnician.id' IS NOT NULL)) AS restored
