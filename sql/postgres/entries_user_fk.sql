SELECT EXISTS (
  SELECT 1 FROM pg_constraint c JOIN pg_attribute a
    ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
  WHERE c.conrelid = to_regclass('gazelle_timeline_entries')
    AND c.contype = 'f' AND a.attname = 'user_id')
