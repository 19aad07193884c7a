// One SQLite connection with its prepared statements cached (each statement
// text is prepared once per session) and parameters bound by position.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"

namespace gb {

class SqliteConnection {
 public:
  // Opens (creating) the file with WAL, busy_timeout and foreign keys on.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Resets the cached statement for `sql`, binds `args` (int64_t-convertible,
  // std::string_view-convertible, std::optional<std::string>, nullptr) and
  // steps once. The statement is returned on SQLITE_ROW; nullptr on DONE.
  template <class... Args>
  Result<sqlite3_stmt*> Run(std::string_view doing, std::string_view sql, const Args&... args);
  // Steps again a statement returned by Run: true while there is a row.
  Result<bool> Next(std::string_view doing, sqlite3_stmt* stmt);
  // Runs `sql` with `args` and calls `row(stmt)` for each row.
  template <class F, class... Args>
  Status ForEachRow(std::string_view doing, std::string_view sql, F row, const Args&... args);
  // Statements without parameters (pragmas, BEGIN, SAVEPOINT, DDL).
  Status Exec(std::string_view doing, std::string_view sql);
  // A statement whose text is made at run time (sink/sql_identifier.h), so
  // prepared for this call only, with `value` bound to ?1: the first column of
  // its first row (0 when it has none).
  Result<int64_t> QueryOnce(std::string_view doing, const std::string& sql, std::string_view value);
  // Ends a statement returned by Run before its last row (releases its read lock).
  static void Done(sqlite3_stmt* stmt) {
    if (stmt != nullptr) sqlite3_reset(stmt);
  }
  int Changes() const { return sqlite3_changes(db_); }
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  void SetLastInsertId(int64_t id) { sqlite3_set_last_insert_rowid(db_, id); }

  static std::string Text(sqlite3_stmt* stmt, int col);

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Result<sqlite3_stmt*> Prepare(std::string_view doing, std::string_view sql);
  Result<sqlite3_stmt*> Step(std::string_view doing, sqlite3_stmt* stmt);
  void Bind(sqlite3_stmt* s, int i, int64_t v) { sqlite3_bind_int64(s, i, v); }
  void Bind(sqlite3_stmt* s, int i, int v) { sqlite3_bind_int64(s, i, v); }
  void Bind(sqlite3_stmt* s, int i, bool v) { sqlite3_bind_int(s, i, v ? 1 : 0); }
  void Bind(sqlite3_stmt* s, int i, std::nullptr_t) { sqlite3_bind_null(s, i); }
  void Bind(sqlite3_stmt* s, int i, std::string_view v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Bind(sqlite3_stmt* s, int i, const std::string& v) { Bind(s, i, std::string_view(v)); }
  void Bind(sqlite3_stmt* s, int i, const char* v) { Bind(s, i, std::string_view(v)); }
  void Bind(sqlite3_stmt* s, int i, const std::optional<std::string>& v) {
    if (v) {
      Bind(s, i, std::string_view(*v));
    } else {
      sqlite3_bind_null(s, i);
    }
  }
  void Bind(sqlite3_stmt* s, int i, const std::optional<int64_t>& v) {
    if (v) {
      Bind(s, i, *v);
    } else {
      sqlite3_bind_null(s, i);
    }
  }

  sqlite3* db_;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;  // keyed by the constant's address
};

template <class... Args>
Result<sqlite3_stmt*> SqliteConnection::Run(std::string_view doing, std::string_view sql,
                                            const Args&... args) {
  auto stmt = Prepare(doing, sql);
  if (!stmt) return stmt;
  int i = 0;
  (Bind(*stmt, ++i, args), ...);
  return Step(doing, *stmt);
}

template <class F, class... Args>
Status SqliteConnection::ForEachRow(std::string_view doing, std::string_view sql, F row,
                                    const Args&... args) {
  auto stmt = Run(doing, sql, args...);
  if (!stmt) return tl::unexpected(stmt.error());
  for (sqlite3_stmt* s = *stmt; s != nullptr;) {
    row(s);
    auto more = Next(doing, s);
    if (!more) return tl::unexpected(more.error());
    if (!*more) break;
  }
  return {};
}

}  // namespace gb
