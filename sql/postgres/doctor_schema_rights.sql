-- doctor: may the role create the bookkeeping schema ($1), or use it, and
-- create the data tables in the first schema of its search_path?
SELECT has_database_privilege(current_database(), 'CREATE'),
       n.oid IS NOT NULL,
       coalesce(has_schema_privilege(n.oid, 'USAGE'), false),
       coalesce(has_schema_privilege(n.oid, 'CREATE'), false),
       coalesce(current_schema(), ''),
       coalesce(has_schema_privilege(current_schema(), 'CREATE'), false)
FROM (SELECT 1) AS one LEFT JOIN pg_namespace n ON n.nspname = $1
