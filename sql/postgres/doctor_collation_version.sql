-- doctor (PostgreSQL 15+): the collation version the database was created with
-- and the one the operating system's library provides now.
SELECT coalesce(datcollversion, ''), coalesce(pg_database_collation_actual_version(oid), '')
FROM pg_database WHERE datname = current_database()
