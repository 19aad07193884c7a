-- One statement (one round trip, no session state): the worker row, its unit
-- leases and the run's heartbeat. Data-modifying CTEs always run.
WITH beat AS (
  INSERT INTO gazelle_backfill.gb_workers
    (run_id, worker_id, host, pid, state, reason, heartbeat_at, started_at)
  VALUES ($1, $2, $3, $4, $5, $6, now(), now())
  ON CONFLICT (run_id, worker_id) DO UPDATE SET
    host = EXCLUDED.host, pid = EXCLUDED.pid, state = EXCLUDED.state,
    reason = EXCLUDED.reason, heartbeat_at = now()
), leases AS (
  UPDATE gazelle_backfill.gb_units
  SET lease_expires_at = now() + make_interval(secs => $7::double precision)
  WHERE run_id = $1 AND lease_owner = $2 AND state = 'running'
)
UPDATE gazelle_backfill.gb_runs SET heartbeat_at = now() WHERE id = $1
