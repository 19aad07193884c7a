-- doctor: reads the file's header (fails when it is not a SQLite database).
PRAGMA schema_version
