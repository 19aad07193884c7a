-- watch: the run's units; a stream's unit (streams/stream.h) names its stream
-- and its expected count in the spec.
SELECT id, name, state, coalesce(lease_owner, ''),
  CAST(strftime('%s', lease_expires_at) AS INTEGER), cursor, fetched,
  CAST(strftime('%s', updated_at) AS INTEGER),
  coalesce(json_extract(spec, '$.stream'), ''), json_extract(spec, '$.expected')
FROM gb_units WHERE run_id = ?1 ORDER BY id
