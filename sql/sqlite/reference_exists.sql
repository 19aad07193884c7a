-- Whether the row a reference points at exists: :"table" and :"column" are a
-- foreign key's (entries_foreign_keys.sql), ?1 the refused row's value.
SELECT EXISTS (SELECT 1 FROM :"table" WHERE :"column" = ?1)
