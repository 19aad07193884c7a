-- watch: the run's units; a stream's unit (streams/stream.h) names its stream
-- and its expected count in the spec.
SELECT id, name, state, coalesce(lease_owner, ''),
  floor(extract(epoch FROM lease_expires_at))::bigint, cursor, fetched,
  floor(extract(epoch FROM updated_at))::bigint,
  coalesce(spec ->> 'stream', ''), (spec ->> 'expected')::bigint
FROM gazelle_backfill.gb_units WHERE run_id = $1 ORDER BY id
