// An SQLite file named by --db: builds the SQLite sinks on its path.
#pragma once

#include <string>

#include "sink/database.h"

namespace gb {

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path) : path_(std::move(path)) {}
  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string Describe() const override { return "sqlite:" + path_; }
  std::unique_ptr<Destination> OpenDestination() const override;
  std::unique_ptr<StatusReader> OpenStatusReader() const override;
  std::unique_ptr<VerifyReader> OpenVerifyReader() const override;
  std::unique_ptr<RejectsStore> OpenRejectsStore() const override;
  std::unique_ptr<SyncStore> OpenSyncStore() const override;
  std::unique_ptr<DestinationAuditor> OpenAuditor() const override;

 private:
  std::string path_;
};

}  // namespace gb
