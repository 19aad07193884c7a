-- Units whose lease was last renewed (lease_expires_at - lease) more than
-- `quiet` seconds ago: their owner missed several heartbeats.
SELECT id, lease_owner
FROM gazelle_backfill.gb_units
WHERE run_id = $1 AND state = 'running' AND lease_owner IS NOT NULL
  AND lease_expires_at < now() + make_interval(secs => $2::double precision - $3::double precision)
ORDER BY id
