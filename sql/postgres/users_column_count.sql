SELECT count(*) FROM pg_attribute
WHERE attrelid = to_regclass('users') AND attname IN ('access_level', 'status') AND NOT attisdropped
