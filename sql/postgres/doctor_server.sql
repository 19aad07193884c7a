-- doctor: the server, the database and the connected role, in one row.
SELECT current_setting('server_version'), current_user, current_database(),
       d.datcollate, d.datctype, pg_encoding_to_char(d.encoding),
       current_setting('max_connections')::int,
       (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'),
       r.rolsuper, r.rolbypassrls, coalesce(inet_server_port(), 0)
FROM pg_database d, pg_roles r
WHERE d.datname = current_database() AND r.rolname = current_user
