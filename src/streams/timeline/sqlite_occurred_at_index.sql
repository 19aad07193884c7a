CREATE INDEX IF NOT EXISTS gazelle_timeline_entries_occurred_at_idx
  ON gazelle_timeline_entries (occurred_at)
