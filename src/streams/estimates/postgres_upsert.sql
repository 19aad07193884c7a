-- $1: a JSON array of PrivateEstimate nodes as the API gave them (ids unique, dates
-- valid). A link to a row not loaded (yet) is stored NULL (the node keeps it);
-- unchanged rows are not rewritten. One row back per row written.
INSERT INTO gazelle_estimates AS t (
  external_id, client_id, piano_id, created_by_id, assigned_to_id, number, estimated_on,
  expires_on, is_archived, recommended_tier_total, tiers, created_at, updated_at, node)
SELECT n->>'id',
       (SELECT r.external_id FROM gazelle_clients r WHERE r.external_id = n->'client'->>'id'),
       (SELECT r.external_id FROM gazelle_pianos r WHERE r.external_id = n->'piano'->>'id'),
       (SELECT r.id FROM users r WHERE r.id = n->'createdBy'->>'id'),
       (SELECT r.id FROM users r WHERE r.id = n->'assignedTo'->>'id'),
       (n->>'number')::bigint,
       (n->>'estimatedOn')::date,
       (n->>'expiresOn')::date,
       (n->>'isArchived')::boolean,
       (n->>'recommendedTierTotal')::bigint,
       jsonb_array_length(n->'allEstimateTiers'),
       (n->>'createdAt')::timestamptz,
       (n->>'updatedAt')::timestamptz,
       n
FROM jsonb_array_elements($1::jsonb) AS n
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
  loaded_at = now()
WHERE t.node IS DISTINCT FROM excluded.node
   OR t.client_id IS DISTINCT FROM excluded.client_id
   OR t.piano_id IS DISTINCT FROM excluded.piano_id
   OR t.created_by_id IS DISTINCT FROM excluded.created_by_id
   OR t.assigned_to_id IS DISTINCT FROM excluded.assigned_to_id
RETURNING ((t.client_id IS NULL AND t.node->'client'->>'id' IS NOT NULL)
        OR (t.piano_id IS NULL AND t.node->'piano'->>'id' IS NOT NULL)
        OR (t.created_by_id IS NULL AND t.node->'createdBy'->>'id' IS NOT NULL)
        OR (t.assigned_to_id IS NULL AND t.node->'assignedTo'->>'id' IS NOT NULL)) AS unlinked
