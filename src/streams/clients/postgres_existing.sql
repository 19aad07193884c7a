-- $1: a JSON array of nodes: how many of their ids are stored already.
SELECT count(*) FROM gazelle_clients
WHERE external_id IN (SELECT n->>'id' FROM jsonb_array_elements($1::jsonb) AS n)
