-- ?1: the events just written. Their piano rows the nodes no longer list.
DELETE FROM gazelle_event_pianos
WHERE event_id IN (SELECT n.value ->> '$.id' FROM json_each(?1) AS n)
  AND NOT EXISTS (
    SELECT 1
    FROM json_each(?1) AS n, json_each(n.value, '$.allEventPianos.nodes') AS p
    WHERE n.value ->> '$.id' = gazelle_event_pianos.event_id
      AND p.value ->> '$.piano.id' = gazelle_event_pianos.piano_id)
