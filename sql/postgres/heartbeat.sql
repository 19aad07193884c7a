-- One statement (one round trip, no session state): the worker row, its unit
-- leases and the run's heartbeat. Data-modifying CTEs always run. The reason
-- is its code and fields ($8-$14); `reason` (the old sentences) is emptied.
WITH beat AS (
  INSERT INTO gazelle_backfill.gb_workers
    (run_id, worker_id, host, pid, state, reason, heartbeat_at, started_at, reason_code,
     reason_until, reason_attempt, reason_http_status, reason_detail, reason_rate, reason_pace)
  VALUES ($1, $2, $3, $4, $5, $6, now(), now(), $8, to_timestamp($9::bigint), $10, $11, $12,
    $13, $14)
  ON CONFLICT (run_id, worker_id) DO UPDATE SET
    host = EXCLUDED.host, pid = EXCLUDED.pid, state = EXCLUDED.state,
    reason = EXCLUDED.reason, heartbeat_at = now(), reason_code = EXCLUDED.reason_code,
    reason_until = EXCLUDED.reason_until, reason_attempt = EXCLUDED.reason_attempt,
    reason_http_status = EXCLUDED.reason_http_status, reason_detail = EXCLUDED.reason_detail,
    reason_rate = EXCLUDED.reason_rate, reason_pace = EXCLUDED.reason_pace
), leases AS (
  UPDATE gazelle_backfill.gb_units
  SET lease_expires_at = now() + make_interval(secs => $7::double precision)
  WHERE run_id = $1 AND lease_owner = $2 AND state = 'running'
)
UPDATE gazelle_backfill.gb_runs SET heartbeat_at = now() WHERE id = $1
