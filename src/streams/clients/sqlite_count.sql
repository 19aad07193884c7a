-- The rows of the stream's table (verify), less the rows sync found gone from the source.
SELECT count(*) FROM gazelle_clients t
WHERE NOT EXISTS (SELECT 1 FROM gb_missing m
                  WHERE m.tbl = 'gazelle_clients' AND m.external_id = t.external_id)
