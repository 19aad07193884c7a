SELECT c FROM unnest(ARRAY['first_name', 'last_name', 'email', 'access_level', 'status',
                           'updated_at']) WITH ORDINALITY AS wanted(c, n)
WHERE NOT EXISTS (
  SELECT 1 FROM pg_attribute
  WHERE attrelid = to_regclass('users') AND attname = c AND NOT attisdropped
)
ORDER BY n
