-- Whether gb_counters has the unlinked column (a version before it did not).
SELECT count(*) FROM pg_attribute
WHERE attrelid = to_regclass('gazelle_backfill.gb_counters') AND attname = 'unlinked'
  AND NOT attisdropped
