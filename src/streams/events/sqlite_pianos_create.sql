-- An event's pianos (allEventPianos), one row each: the event and the piano
-- both declared, the row gone with its event.
CREATE TABLE IF NOT EXISTS gazelle_event_pianos (
  event_id TEXT NOT NULL REFERENCES gazelle_events (external_id) ON DELETE CASCADE,
  piano_id TEXT NOT NULL REFERENCES gazelle_pianos (external_id),
  is_tuning INTEGER,
  PRIMARY KEY (event_id, piano_id)
)
