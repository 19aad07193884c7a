-- watch: the workers of a run. The reason's code and fields are read through
-- to_jsonb: a database an earlier version wrote has no such columns until the
-- next run upgrades it (its `reason` sentences are shown as they are), and
-- watch (read-only) must still show it.
SELECT worker_id, host, pid, state, reason,
  floor(extract(epoch FROM heartbeat_at))::bigint, floor(extract(epoch FROM started_at))::bigint,
  to_jsonb(w) ->> 'reason_code',
  floor(extract(epoch FROM (to_jsonb(w) ->> 'reason_until')::timestamptz))::bigint,
  (to_jsonb(w) ->> 'reason_attempt')::integer,
  (to_jsonb(w) ->> 'reason_http_status')::integer,
  to_jsonb(w) ->> 'reason_detail',
  (to_jsonb(w) ->> 'reason_rate')::bigint,
  (to_jsonb(w) ->> 'reason_pace')::bigint
FROM gazelle_backfill.gb_workers w WHERE run_id = $1 ORDER BY started_at, worker_id
