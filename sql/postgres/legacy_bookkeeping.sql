-- The bookkeeping tables of an earlier version (in public), while the tool's
-- schema has none yet: they move there, with their data, before anything else.
SELECT c.relname
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname = ANY ($1::text[])
  AND to_regclass('gazelle_backfill.gb_runs') IS NULL
ORDER BY c.relname
