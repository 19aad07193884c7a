-- Whether gb_workers has the reason_code column (a version before it did not).
SELECT count(*) FROM pg_attribute
WHERE attrelid = to_regclass('gazelle_backfill.gb_workers') AND attname = 'reason_code'
  AND NOT attisdropped
