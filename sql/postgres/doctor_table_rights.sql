-- doctor: the connected role's rights on each table of $1 that exists (names
-- as to_regclass takes them): privileges, ownership, row level security.
SELECT n.nspname, c.relname, pg_get_userbyid(c.relowner),
       pg_has_role(c.relowner, 'USAGE'),
       has_table_privilege(c.oid, 'SELECT'), has_table_privilege(c.oid, 'INSERT'),
       has_table_privilege(c.oid, 'UPDATE'), has_table_privilege(c.oid, 'DELETE'),
       c.relrowsecurity, c.relforcerowsecurity
FROM unnest($1::text[]) WITH ORDINALITY AS w(name, i)
JOIN pg_class c ON c.oid = to_regclass(w.name)
JOIN pg_namespace n ON n.oid = c.relnamespace
ORDER BY w.i
