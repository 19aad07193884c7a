-- Which of the API roles ($1: Supabase's anon and authenticated) exist here;
-- none on a plain PostgreSQL.
SELECT rolname FROM pg_roles WHERE rolname = ANY ($1::text[]) ORDER BY rolname
