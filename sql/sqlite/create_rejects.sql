CREATE TABLE IF NOT EXISTS gb_rejects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL REFERENCES gb_runs(id) ON DELETE CASCADE,
  unit TEXT NOT NULL,
  external_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  type TEXT NOT NULL,
  sqlstate TEXT NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)
