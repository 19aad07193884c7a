#!/usr/bin/env bash
# `doctor` against a Supabase-like database, before and after its fix, in
# English and in French (issue 17's "must show"). Starts a throwaway
# PostgreSQL (as `postgres`, on a unix socket in a temp directory, no TCP),
# gives it Supabase's API roles and default privileges (every new table of
# `public` granted to anon, authenticated and service_role), creates the
# business's own `users` table there (so open to the API), then runs:
#   doctor (English), doctor (French), doctor --fix, doctor (English, French).
# Stops and removes the server on exit.
# Usage: scripts/doctor-supabase-like.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
bin=$(realpath "$build/gazelle-backfill")
[[ -x "$bin" ]] || { echo "doctor-supabase-like: build $bin first (make build)" >&2; exit 1; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(mktemp -d /tmp/gb-doctor-XXXXXX)
chown postgres "$dir"
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop() {
  as_pg "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
as_pg "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c port=5432" start >/dev/null
psql() { as_pg "$pgbin/psql" -h "$dir" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql <<'SQL'
CREATE ROLE anon NOLOGIN NOINHERIT;
CREATE ROLE authenticated NOLOGIN NOINHERIT;
CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS;
GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
CREATE TABLE users (id text PRIMARY KEY, first_name text, email text);
INSERT INTO users VALUES ('usr_business', 'Owner', 'owner@example.com');
SQL
db="postgresql://postgres@/postgres?host=$dir"
doctor() {
  local title=$1
  shift
  printf '\n$ %s\n' "$title"
  set +e
  "$bin" doctor --db "$db" "$@"
  printf '(exit %d)\n' $?
  set -e
}
export NO_COLOR=1
doctor "gazelle-backfill doctor --db …"
LANG=fr_FR.UTF-8 doctor "LANG=fr_FR.UTF-8 gazelle-backfill doctor --db …"
doctor "gazelle-backfill doctor --db … --fix" --fix
doctor "gazelle-backfill doctor --db …  (after the fix)"
LANG=fr_FR.UTF-8 doctor "LANG=fr_FR.UTF-8 gazelle-backfill doctor --db …  (après la correction)"
printf '\nas anon after the fix: '
psql -At -c "SET ROLE anon; SELECT count(*) FROM users" 2>&1 || true
