-- The foreign keys of gazelle_timeline_entries (first column of each): SQLite
-- says only "FOREIGN KEY constraint failed", so the session looks for the
-- reference of the refused row that is missing (sink/foreign_key.h).
SELECT "from", "table", coalesce("to", '') FROM pragma_foreign_key_list('gazelle_timeline_entries')
WHERE seq = 0
ORDER BY id
