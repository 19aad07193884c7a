-- Upgrade: the links nulled (a part of repaired), counted since this version.
ALTER TABLE gazelle_backfill.gb_counters ADD COLUMN IF NOT EXISTS unlinked bigint NOT NULL DEFAULT 0
