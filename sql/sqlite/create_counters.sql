CREATE TABLE IF NOT EXISTS gb_counters (
  run_id INTEGER NOT NULL REFERENCES gb_runs(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  type TEXT NOT NULL,
  inserted INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  repaired INTEGER NOT NULL DEFAULT 0,
  unlinked INTEGER NOT NULL DEFAULT 0,  -- links nulled, a part of repaired
  rejected INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (run_id, year, type)
)
