-- doctor: PUBLIC and the roles of $1 (the API roles) that default privileges
-- grant the tables the connected role creates (in any schema, or in the first
-- schema of its search_path: where the data tables go).
SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE r.rolname END
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
CROSS JOIN LATERAL aclexplode(d.defaclacl) AS a
LEFT JOIN pg_roles r ON r.oid = a.grantee
WHERE d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user)
  AND d.defaclobjtype = 'r'
  AND (d.defaclnamespace = 0 OR n.nspname = current_schema())
  AND (a.grantee = 0 OR r.rolname = ANY ($1::text[]))
ORDER BY 1
