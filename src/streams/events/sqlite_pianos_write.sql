-- ?1: the events just written. A row per piano they list whose piano is
-- loaded; one not loaded (yet) waits in the node (counted unlinked by the
-- upsert) for sqlite_pianos_restore.sql.
INSERT INTO gazelle_event_pianos AS t (event_id, piano_id, is_tuning)
SELECT n.value ->> '$.id', p.value ->> '$.piano.id', max(p.value ->> '$.isTuning')
FROM json_each(?1) AS n, json_each(n.value, '$.allEventPianos.nodes') AS p
WHERE p.value ->> '$.piano.id' IS NOT NULL
  AND EXISTS (SELECT 1 FROM gazelle_pianos r WHERE r.external_id = p.value ->> '$.piano.id')
GROUP BY 1, 2
ON CONFLICT (event_id, piano_id) DO UPDATE SET is_tuning = excluded.is_tuning
WHERE t.is_tuning IS NOT excluded.is_tuning
