-- The foreign keys of gazelle_timeline_entries, one row per key (its first
-- column): a refused row's error names its constraint, and the session says
-- from this which column's reference is missing (sink/foreign_key.h).
SELECT c.conname, a.attname, r.relname, coalesce(ra.attname, '')
FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
JOIN pg_class r ON r.oid = c.confrelid
LEFT JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
WHERE c.conrelid = to_regclass('gazelle_timeline_entries') AND c.contype = 'f'
ORDER BY c.conname
