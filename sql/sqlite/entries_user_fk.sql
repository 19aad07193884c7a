SELECT count(*) FROM pragma_foreign_key_list('gazelle_timeline_entries') WHERE "from" = 'user_id'
