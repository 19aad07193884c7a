-- $1: the events just written. A row per piano they list whose piano is
-- loaded; one not loaded (yet) waits in the node (counted unlinked by the
-- upsert) for postgres_pianos_restore.sql.
INSERT INTO gazelle_event_pianos AS t (event_id, piano_id, is_tuning)
SELECT n->>'id', p->'piano'->>'id', bool_or((p->>'isTuning')::boolean)
FROM jsonb_array_elements($1::jsonb) AS n,
     jsonb_path_query(n, 'lax $.allEventPianos.nodes[*]') AS p
WHERE p->'piano'->>'id' IS NOT NULL
  AND EXISTS (SELECT 1 FROM gazelle_pianos r WHERE r.external_id = p->'piano'->>'id')
GROUP BY 1, 2
ON CONFLICT (event_id, piano_id) DO UPDATE SET is_tuning = excluded.is_tuning
WHERE t.is_tuning IS DISTINCT FROM excluded.is_tuning
