CREATE TABLE IF NOT EXISTS gb_workers (
  run_id INTEGER NOT NULL REFERENCES gb_runs(id) ON DELETE CASCADE,
  worker_id TEXT NOT NULL,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  heartbeat_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  reason_code TEXT,
  reason_until TEXT,
  reason_attempt INTEGER,
  reason_http_status INTEGER,
  reason_detail TEXT,
  reason_rate INTEGER,
  reason_pace INTEGER,
  PRIMARY KEY (run_id, worker_id)
)
