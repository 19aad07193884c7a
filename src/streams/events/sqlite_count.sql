-- The rows of the stream's table (verify), less the rows sync found gone
-- from the source, whose start date (UTC) is within
-- ?1..?2 (inclusive, the span of --years); every row for the whole span.
SELECT count(*) FROM gazelle_events t
WHERE NOT EXISTS (SELECT 1 FROM gb_missing m
                  WHERE m.tbl = 'gazelle_events' AND m.external_id = t.external_id)
  AND ((?1 = '0001-01-01' AND ?2 = '9999-12-31') OR date(start_at) BETWEEN ?1 AND ?2)
