-- Units whose lease was last renewed (lease_expires_at - lease) more than
-- `quiet` seconds ago: their owner missed several heartbeats.
SELECT id, lease_owner
FROM gb_units
WHERE run_id = ?1 AND state = 'running' AND lease_owner IS NOT NULL
  AND lease_expires_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+' || (?2 - ?3) || ' seconds')
ORDER BY id
