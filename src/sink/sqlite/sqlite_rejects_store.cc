#include "sink/sqlite/sqlite_rejects_store.h"

#include <filesystem>

#include "sink/sqlite/sqlite_session.h"
#include "sql/sqlite.h"

namespace gb {
namespace {

namespace q = sql::sqlite;

class SqliteRejectsTransaction final : public RejectsTransaction {
 public:
  explicit SqliteRejectsTransaction(SqliteConnection* conn) : conn_(conn) {}

  Status Update(std::span<const RejectUpdate> updates) override {
    for (const auto& u : updates) {
      auto s = conn_->Run("updating rejects", q::kRejectsUpdate, u.id, u.sqlstate, u.reason);
      if (!s) return tl::unexpected(s.error());
    }
    return {};
  }

  Status Remove(std::span<const int64_t> ids) override {
    for (int64_t id : ids) {
      if (auto s = conn_->Run("removing loaded rejects", q::kRejectsRemove, id); !s) {
        return tl::unexpected(s.error());
      }
    }
    return {};
  }

  Status AddCounters(int64_t run_id, const CountTable& deltas) override {
    for (const auto& [key, c] : deltas) {
      auto s =
          conn_->Run("moving the counters", q::kAddCounters, run_id, key.year, key.type, c.inserted,
                     c.updated, c.unchanged, c.repaired, c.rejected, c.skipped, c.unlinked);
      if (!s) return tl::unexpected(s.error());
    }
    return {};
  }

 private:
  SqliteConnection* conn_;
};

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteRejectsStore::Open() const {
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) {
    return Fail(ErrorKind::kConfig,
                "no SQLite database at " + path_ + ": nothing was loaded there");
  }
  return SqliteConnection::Open(path_);
}

Status SqliteRejectsStore::Connect() {
  if (conn_) return {};
  auto conn = Open();
  if (!conn) return tl::unexpected(conn.error());
  conn_ = std::move(*conn);
  return {};
}

Result<std::vector<StoredReject>> SqliteRejectsStore::List(std::optional<int64_t> run_id) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  std::vector<StoredReject> out;
  auto exists = conn_->Run("checking for the rejects table", q::kTableExists, "gb_rejects");
  if (!exists) return tl::unexpected(exists.error());
  const bool has_table = *exists != nullptr && sqlite3_column_int(*exists, 0) > 0;
  SqliteConnection::Done(*exists);
  if (!has_table) return out;
  auto stmt = run_id ? conn_->Run("reading the rejects", q::kRejectsList, *run_id)
                     : conn_->Run("reading the rejects", q::kRejectsList, nullptr);
  if (!stmt) return tl::unexpected(stmt.error());
  for (sqlite3_stmt* st = *stmt; st != nullptr;) {
    auto t = [&](int col) { return SqliteConnection::Text(st, col); };
    out.push_back({sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), t(2),
                   Reject{t(3), sqlite3_column_int(st, 4), t(5), t(6), t(7), t(8)}, t(9)});
    auto more = conn_->Next("reading the rejects", st);
    if (!more) return tl::unexpected(more.error());
    if (!*more) break;
  }
  return out;
}

Result<std::string> SqliteRejectsStore::RunParams(int64_t run_id) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  auto stmt = conn_->Run("reading the run", q::kRejectsRunParams, run_id);
  if (!stmt) return tl::unexpected(stmt.error());
  if (*stmt == nullptr) return Fail(ErrorKind::kConfig, "no run " + std::to_string(run_id));
  std::string params = SqliteConnection::Text(*stmt, 0);
  SqliteConnection::Done(*stmt);
  return params;
}

Result<RetryConnection> SqliteRejectsStore::ConnectForRetry() {
  auto conn = Open();
  if (!conn) return tl::unexpected(conn.error());
  SqliteConnection* shared = conn->get();
  RetryConnection out;
  out.session = std::make_unique<SqliteSession>(std::move(*conn));
  out.rejects = std::make_unique<SqliteRejectsTransaction>(shared);
  return out;
}

}  // namespace gb
