-- Who may reach each table of $1 (named as the tool names it, resolved as it
-- resolves it) and the sequences its columns own: one row per privilege held
-- by PUBLIC or by a role of $2 (the API roles), or one row of NULLs when they
-- hold none. A NULL ACL is the default: the owner alone.
WITH t AS (
  SELECT c.oid, n.nspname, c.relname, c.relrowsecurity, c.relacl
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid IN (SELECT to_regclass(w.name) FROM unnest($1::text[]) AS w(name))
), rel AS (
  SELECT t.oid AS table_oid, t.nspname AS schema, t.relname AS name, false AS is_sequence,
         t.relacl AS acl
  FROM t
  UNION ALL
  SELECT t.oid, sn.nspname, s.relname, true, s.relacl
  FROM t
  JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = t.oid
    AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
  JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
  JOIN pg_namespace sn ON sn.oid = s.relnamespace
)
SELECT t.nspname, t.relname, t.relrowsecurity, r.schema, r.name, r.is_sequence,
       g.grantee, g.privilege
FROM t JOIN rel r ON r.table_oid = t.oid
LEFT JOIN LATERAL (
  SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE ro.rolname END AS grantee,
         a.privilege_type AS privilege
  FROM aclexplode(r.acl) AS a LEFT JOIN pg_roles ro ON ro.oid = a.grantee
  WHERE a.grantee = 0 OR ro.rolname = ANY ($2::text[])
) g ON true
ORDER BY t.nspname, t.relname, r.is_sequence, r.schema, r.name, g.grantee, g.privilege
