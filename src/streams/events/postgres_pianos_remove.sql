-- $1: the events just written. Their piano rows the nodes no longer list.
DELETE FROM gazelle_event_pianos e
WHERE e.event_id IN (SELECT n->>'id' FROM jsonb_array_elements($1::jsonb) AS n)
  AND NOT EXISTS (
    SELECT 1
    FROM jsonb_array_elements($1::jsonb) AS n,
         jsonb_path_query(n, 'lax $.allEventPianos.nodes[*]') AS p
    WHERE n->>'id' = e.event_id AND p->'piano'->>'id' = e.piano_id)
