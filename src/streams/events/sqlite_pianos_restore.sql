-- The piano rows of stored events whose piano is loaded now.
INSERT INTO gazelle_event_pianos (event_id, piano_id, is_tuning)
SELECT t.external_id, p.value ->> '$.piano.id', max(p.value ->> '$.isTuning')
FROM gazelle_events AS t, json_each(t.node, '$.allEventPianos.nodes') AS p
WHERE p.value ->> '$.piano.id' IS NOT NULL
  AND EXISTS (SELECT 1 FROM gazelle_pianos r WHERE r.external_id = p.value ->> '$.piano.id')
GROUP BY 1, 2
ON CONFLICT (event_id, piano_id) DO NOTHING
