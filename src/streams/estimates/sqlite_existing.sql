-- ?1: a JSON array of nodes: how many of their ids are stored already.
SELECT count(*) FROM gazelle_estimates
WHERE external_id IN (SELECT n.value ->> '$.id' FROM json_each(?1) AS n)
