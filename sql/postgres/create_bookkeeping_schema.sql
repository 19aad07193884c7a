-- The tool's own schema: Supabase's API serves only the schemas it is told to
-- (public by default), so the bookkeeping is out of its reach.
CREATE SCHEMA IF NOT EXISTS gazelle_backfill
