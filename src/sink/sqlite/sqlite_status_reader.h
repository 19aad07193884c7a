// StatusReader for a SQLite destination: its own read connection (WAL lets it
// read while the loader writes), opened lazily, never creating the file.
#pragma once

#include <memory>
#include <string>

#include "sink/sqlite/sqlite_connection.h"
#include "sink/status_reader.h"

namespace gb {

class SqliteStatusReader final : public StatusReader {
 public:
  explicit SqliteStatusReader(std::string path) : path_(std::move(path)) {}
  Result<DbStatus> Read() override;
  std::string Describe() const override { return "sqlite:" + path_; }

 private:
  Status ReadInto(DbStatus& status);
  Status ReadRunDetails(int64_t run_id, DbStatus& status);
  Status ReadWorkers(int64_t run_id, DbStatus& status);
  Status ReadEntries(DbStatus& status);
  Status ReadSync(DbStatus& status);
  Result<bool> TableExists(const char* name);

  std::string path_;
  std::unique_ptr<SqliteConnection> conn_;
};

}  // namespace gb
