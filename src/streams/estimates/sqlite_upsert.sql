-- ?1: a JSON array of PrivateEstimate nodes as the API gave them (ids unique, dates
-- valid). A link to a row not loaded (yet) is stored NULL (the node keeps it);
-- unchanged rows are not rewritten. One row back per row written.
INSERT INTO gazelle_estimates AS t (
  external_id, client_id, piano_id, created_by_id, assigned_to_id, number, estimated_on,
  expires_on, is_archived, recommended_tier_total, tiers, created_at, updated_at, node)
SELECT n.value ->> '$.id',
       (SELECT r.external_id FROM gazelle_clients r WHERE r.external_id = n.value ->> '$.client.id'),
       (SELECT r.external_id FROM gazelle_pianos r WHERE r.external_id = n.value ->> '$.piano.id'),
       (SELECT r.id FROM users r WHERE r.id = n.value ->> '$.createdBy.id'),
       (SELECT r.id FROM users r WHERE r.id = n.value ->> '$.assignedTo.id'),
       n.value ->> '$.number',
       n.value ->> '$.estimatedOn',
       n.value ->> '$.expiresOn',
       n.value ->> '$.isArchived',
       n.value ->> '$.recommendedTierTotal',
       json_array_length(n.value, '$.allEstimateTiers'),
       n.value ->> '$.createdAt',
       n.value ->> '$.updatedAt',
       n.value
FROM json_each(?1) AS n
WHERE true
ON CONFLICT (external_id) DO UPDATE SET
  client_id = excluded.client_id,
  piano_id = excluded.piano_id,
  created_by_id = excluded.created_by_id,
  assigned_to_id = excluded.assigned_to_id,
  number = excluded.number,
  estimated_on = excluded.estimated_on,
  expires_on = excluded.expires_on,
  is_archived = excluded.is_archived,
  recommended_tier_total = excluded.recommended_tier_total,
  tiers = excluded.tiers,
  created_at = excluded.created_at,
  updated_at = excluded.updated_at,
  node = excluded.node,
  loaded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE t.node IS NOT excluded.node
   OR t.client_id IS NOT excluded.client_id
   OR t.piano_id IS NOT excluded.piano_id
   OR t.created_by_id IS NOT excluded.created_by_id
   OR t.assigned_to_id IS NOT excluded.assigned_to_id
RETURNING ((client_id IS NULL AND node ->> '$.client.id' IS NOT NULL)
        OR (piano_id IS NULL AND node ->> '$.piano.id' IS NOT NULL)
        OR (created_by_id IS NULL AND node ->> '$.createdBy.id' IS NOT NULL)
        OR (assigned_to_id IS NULL AND node ->> '$.assignedTo.id' IS NOT NULL)) AS unlinked
