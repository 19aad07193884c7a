// The Supabase-like cluster of the exposure tests: the API roles Supabase
// creates (anon and authenticated log in through its API gateway only;
// service_role bypasses row level security) and the default privileges that
// give them every new table, sequence and function of `public` — so a table
// created there is served to anyone holding the project's anon key unless
// row level security is on. And the probes: a statement as one of those
// roles (SET LOCAL ROLE, rolled back), a table's row security and ACL.
//
// Header-only: tests/CMakeLists.txt builds only tests/integration/*_test.cc.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <string>
#include <vector>

#include "integration/loader_fixture.h"
#include "sink/sql_identifier.h"

namespace gb::test {

// Roles are the cluster's: each test process has a cluster of its own.
inline constexpr const char* kSupabaseRoles = R"sql(
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    CREATE ROLE anon NOLOGIN NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN
    CREATE ROLE authenticated NOLOGIN NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'service_role') THEN
    CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS;
  END IF;
END $$;
ALTER ROLE anon SET statement_timeout = '3s';
ALTER ROLE authenticated SET statement_timeout = '8s')sql";

// Per database, for the tables `owner` creates (supabase/postgres,
// migrations/db/init-scripts/00000000000000-initial-schema.sql).
inline std::string SupabaseDefaultPrivileges(const std::string& owner) {
  const std::string who = QuoteIdentifier(owner);
  return "GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;"
         "ALTER DEFAULT PRIVILEGES FOR ROLE " +
         who +
         " IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;"
         "ALTER DEFAULT PRIVILEGES FOR ROLE " +
         who +
         " IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;"
         "ALTER DEFAULT PRIVILEGES FOR ROLE " +
         who + " IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role";
}

// What one statement got when run as a role.
struct Attempt {
  bool ok = false;
  std::string sqlstate;
  std::string error;
  int64_t rows = 0;  // returned (SELECT) or affected (INSERT, UPDATE, DELETE)
};

// `sql` as `role`, in a transaction rolled back afterwards (nothing stays).
inline Attempt AsRole(const std::string& url, const std::string& role, const std::string& sql) {
  Attempt a;
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    a.error = PQerrorMessage(conn);
    PQfinish(conn);
    return a;
  }
  PQclear(PQexec(conn, "BEGIN"));
  PQclear(PQexec(conn, ("SET LOCAL ROLE " + QuoteIdentifier(role)).c_str()));
  PGresult* res = PQexec(conn, sql.c_str());
  const ExecStatusType st = PQresultStatus(res);
  a.ok = st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK;
  if (st == PGRES_TUPLES_OK) a.rows = PQntuples(res);
  if (st == PGRES_COMMAND_OK && *PQcmdTuples(res) != '\0') a.rows = std::stoll(PQcmdTuples(res));
  if (!a.ok) {
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    a.sqlstate = state ? state : "";
    a.error = PQerrorMessage(conn);
  }
  PQclear(res);
  PQclear(PQexec(conn, "ROLLBACK"));
  PQfinish(conn);
  return a;
}

// The tables the tool created: its bookkeeping schema's and the two data tables.
inline std::vector<std::string> ToolCreatedTables(const std::string& db) {
  auto list = PgServer::Shared().QueryValue(
      "SELECT string_agg(n.nspname || '.' || c.relname, ',' ORDER BY n.nspname, c.relname) "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND "
      "(n.nspname = 'gazelle_backfill' OR (n.nspname = 'public' AND c.relname IN "
      "('gazelle_timeline_entries', 'users')))",
      db);
  std::vector<std::string> tables;
  if (!list) return tables;
  for (size_t pos = 0; pos < list->size();) {
    size_t comma = list->find(',', pos);
    if (comma == std::string::npos) comma = list->size();
    tables.push_back(list->substr(pos, comma - pos));
    pos = comma + 1;
  }
  return tables;
}

// Every read gets no row (or is refused), every write is refused or
// changes nothing, for `role` on `table`.
inline void ExpectClosedTo(const std::string& url, const std::string& db, const std::string& role,
                           const std::string& table) {
  SCOPED_TRACE(role + " on " + table);
  auto column = PgServer::Shared().QueryValue(
      "SELECT attname FROM pg_attribute WHERE attrelid = '" + table + "'::regclass AND attnum = 1",
      db);
  ASSERT_TRUE(column) << table;
  Attempt read = AsRole(url, role, "SELECT * FROM " + table);
  EXPECT_TRUE(!read.ok || read.rows == 0) << read.rows << " rows";
  if (!read.ok) {
    EXPECT_EQ(read.sqlstate, "42501") << read.error;
  }
  for (const std::string& write :
       {"UPDATE " + table + " SET " + *column + " = " + *column, "DELETE FROM " + table}) {
    Attempt a = AsRole(url, role, write);
    EXPECT_TRUE(!a.ok || a.rows == 0) << write << ": " << a.rows << " rows";
    if (!a.ok) {
      EXPECT_EQ(a.sqlstate, "42501") << write << ": " << a.error;
    }
  }
  for (const std::string& write :
       {"INSERT INTO " + table + " DEFAULT VALUES", "TRUNCATE " + table}) {
    Attempt a = AsRole(url, role, write);
    EXPECT_FALSE(a.ok) << write;
    EXPECT_EQ(a.sqlstate, "42501") << write << ": " << a.error;
  }
}

// relrowsecurity and the ACL, as text ("f {postgres=arwdDxt/postgres,…}").
inline std::string AccessOf(const std::string& db, const std::string& table) {
  auto v = PgServer::Shared().QueryValue(
      "SELECT CASE WHEN relrowsecurity THEN 't ' ELSE 'f ' END || coalesce(relacl::text, '') "
      "FROM pg_class WHERE oid = '" +
          table + "'::regclass",
      db);
  return v ? *v : "";
}

class SupabaseTest : public LoaderTest {
 protected:
  void SetUp() override {
    LoaderTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(server().Exec(kSupabaseRoles));
    ASSERT_TRUE(server().Exec(SupabaseDefaultPrivileges("postgres"), db()));
  }

  ChildExit Doctor(const std::string& db_url, std::vector<std::string> extra = {},
                   std::map<std::string, std::string> env = {}) {
    std::vector<std::string> args = {"doctor", "--db", db_url};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunLoader(args, env, dir_.path(), std::chrono::seconds(60));
  }
};

}  // namespace gb::test
