-- $1: a JSON array of PrivateClient nodes as the API gave them (ids unique,
-- dates valid). A link to a user not in users is stored NULL (the node keeps
-- it); unchanged rows are not rewritten. One row back per row written.
INSERT INTO gazelle_clients AS t (
  external_id, status, client_type, company_name, reference_id, region, referred_by,
  preferred_technician_id, default_contact_id, contacts, created_at, updated_at, node)
SELECT n->>'id', n->>'status', n->>'clientType', n->>'companyName', n->>'referenceId',
       n->>'region', n->>'referredBy',
       (SELECT u.id FROM users u WHERE u.id = n->'preferredTechnician'->>'id'),
       n->'defaultContact'->>'id', jsonb_array_length(n->'allContacts'->'nodes'),
       (n->>'createdAt')::timestamptz, (n->>'updatedAt')::timestamptz, n
FROM jsonb_array_elements($1::jsonb) AS n
ON CONFLICT (external_id) DO UPDATE SET
  status = excluded.status, client_type = excluded.client_type,
  company_name = excluded.company_name, reference_id = excluded.reference_id,
  region = excluded.region, referred_by = excluded.referred_by,
  preferred_technician_id = excluded.preferred_technician_id,
  default_contact_id = excluded.default_contact_id, contacts = excluded.contacts,
  created_at = excluded.created_at, updated_at = excluded.updated_at, node = excluded.node,
  loaded_at = now()
WHERE t.node IS DISTINCT FROM excluded.node
   OR t.preferred_technician_id IS DISTINCT FROM excluded.preferred_technician_id
RETURNING (t.preferred_technician_id IS NULL
           AND t.node->'preferredTechnician'->>'id' IS NOT NULL) AS unlinked
