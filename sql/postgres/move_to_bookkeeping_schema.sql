-- Upgrade: an earlier version's bookkeeping table, its indexes, constraints and
-- sequences move as they are (no copy; foreign keys follow).
ALTER TABLE public.:"table" SET SCHEMA gazelle_backfill
