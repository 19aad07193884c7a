// RejectsStore for a SQLite destination. A retry connection is a
// SqliteSession plus a SqliteRejectsTransaction on the same SqliteConnection.
#pragma once

#include <memory>
#include <string>

#include "sink/rejects_store.h"
#include "sink/sqlite/sqlite_connection.h"

namespace gb {

class SqliteRejectsStore final : public RejectsStore {
 public:
  explicit SqliteRejectsStore(std::string path) : path_(std::move(path)) {}
  Result<std::vector<StoredReject>> List(std::optional<int64_t> run_id) override;
  Result<std::string> RunParams(int64_t run_id) override;
  Result<RetryConnection> ConnectForRetry() override;
  std::string Describe() const override { return "sqlite:" + path_; }

 private:
  Result<std::unique_ptr<SqliteConnection>> Open() const;
  Status Connect();

  std::string path_;
  std::unique_ptr<SqliteConnection> conn_;  // for reading
};

}  // namespace gb
