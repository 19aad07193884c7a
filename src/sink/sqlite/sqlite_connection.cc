#include "sink/sqlite/sqlite_connection.h"

#include "sink/sqlite/sqlite_error.h"
#include "sql/sqlite.h"

namespace gb {

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error err = SqliteError("opening " + path, rc, db ? sqlite3_errmsg(db) : "out of memory");
    err.kind = ErrorKind::kConfig;
    sqlite3_close(db);
    return tl::unexpected(std::move(err));
  }
  sqlite3_extended_result_codes(db, 1);
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
  namespace q = sql::sqlite;
  // busy_timeout first: switching to WAL itself may wait on another process.
  for (std::string_view pragma :
       {q::kPragmaBusyTimeout, q::kPragmaWal, q::kPragmaSynchronous, q::kPragmaForeignKeys}) {
    if (auto s = conn->Exec("configuring " + path, pragma); !s) return tl::unexpected(s.error());
  }
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [key, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view doing, std::string_view sql) {
  auto it = cache_.find(sql.data());
  if (it != cache_.end()) {
    sqlite3_reset(it->second);
    sqlite3_clear_bindings(it->second);
    return it->second;
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(SqliteError(doing, rc, sqlite3_errmsg(db_)));
  cache_[sql.data()] = stmt;
  return stmt;
}

Result<sqlite3_stmt*> SqliteConnection::Step(std::string_view doing, sqlite3_stmt* stmt) {
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) return stmt;
  if (rc == SQLITE_DONE) {
    sqlite3_reset(stmt);  // release read locks held by a finished statement
    return nullptr;
  }
  Error err = SqliteError(doing, sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
  sqlite3_reset(stmt);
  return tl::unexpected(std::move(err));
}

Result<bool> SqliteConnection::Next(std::string_view doing, sqlite3_stmt* stmt) {
  auto r = Step(doing, stmt);
  if (!r) return tl::unexpected(r.error());
  return *r != nullptr;
}

Status SqliteConnection::Exec(std::string_view doing, std::string_view sql) {
  auto stmt = Prepare(doing, sql);
  if (!stmt) return tl::unexpected(stmt.error());
  while (true) {  // pragmas may return rows (journal_mode): step to the end
    auto more = Next(doing, *stmt);
    if (!more) return tl::unexpected(more.error());
    if (!*more) return {};
  }
}

Result<int64_t> SqliteConnection::QueryOnce(std::string_view doing, const std::string& sql,
                                            std::string_view value) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(SqliteError(doing, rc, sqlite3_errmsg(db_)));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owned(stmt, &sqlite3_finalize);
  Bind(stmt, 1, value);
  rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) return sqlite3_column_int64(stmt, 0);
  if (rc == SQLITE_DONE) return 0;
  return tl::unexpected(SqliteError(doing, sqlite3_extended_errcode(db_), sqlite3_errmsg(db_)));
}

std::string SqliteConnection::Text(sqlite3_stmt* stmt, int col) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
  return p ? std::string(p, sqlite3_column_bytes(stmt, col)) : std::string();
}

}  // namespace gb
