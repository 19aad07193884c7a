// The same Destination scenarios against SQLite, PostgreSQL directly and
// PostgreSQL through pgbouncer in transaction-pooling mode.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

#include "sink/destination.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace gb::test {

enum class Backend { kSqlite, kPostgres, kBouncer };

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  switch (info.param) {
    case Backend::kSqlite:
      return "Sqlite";
    case Backend::kPostgres:
      return "Postgres";
    case Backend::kBouncer:
      return "PgBouncer";
  }
  return "Unknown";
}

inline Row MakeRow(const std::string& id, int year, const std::string& type,
                   std::optional<std::string> user = std::nullopt, std::string title = "t") {
  Row r;
  r.external_id = id;
  r.client_id = "cli_1";
  r.user_id = std::move(user);
  r.occurred_at = 1700000000;
  r.entry_type = type;
  r.source_type = type;
  r.title = std::move(title);
  r.description = "d";
  r.metadata = "{}";
  r.year = year;
  r.raw = "{\"id\":\"" + id + "\"}";
  return r;
}

class DestinationTest : public PgDatabaseTest, public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override {
    PgDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    switch (GetParam()) {
      case Backend::kSqlite:
        url_ = "sqlite:" + dir_.File("gazelle.db");
        break;
      case Backend::kPostgres:
        url_ = url();
        break;
      case Backend::kBouncer:
        url_ = bouncer_url();
        break;
    }
    auto dest = OpenDestination(url_);
    ASSERT_TRUE(dest) << dest.error().message;
    dest_ = std::move(*dest);
  }

  std::unique_ptr<Session> Connect() {
    auto s = dest_->Connect();
    EXPECT_TRUE(s) << s.error().message;
    return s ? std::move(*s) : nullptr;
  }

  // A bookkeeping table (gb_units, ...) as the backend names it: PostgreSQL
  // keeps them in the schema gazelle_backfill.
  std::string Bk(std::string_view table) const {
    return (GetParam() == Backend::kSqlite ? "" : "gazelle_backfill.") + std::string(table);
  }

  // First column of the first row, as text ("" for NULL or no row).
  std::string Query(const std::string& sql) {
    if (GetParam() != Backend::kSqlite) {
      auto v = server().QueryValue(sql, db());
      return v ? *v : "";
    }
    sqlite3* db = nullptr;
    sqlite3_open(dir_.File("gazelle.db").c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
      out.assign(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)),
                 sqlite3_column_bytes(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  }

  // Executes SQL on the destination outside of any Session.
  void Exec(const std::string& sql) {
    if (GetParam() != Backend::kSqlite) {
      ASSERT_TRUE(server().Exec(sql, db()));
      return;
    }
    sqlite3* db = nullptr;
    sqlite3_open(dir_.File("gazelle.db").c_str(), &db);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }

  TempDir dir_{"gb-sink-test-"};
  std::string url_;
  std::unique_ptr<Destination> dest_;
};

}  // namespace gb::test
