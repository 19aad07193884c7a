// StatusReader for a PostgreSQL destination (direct or through a pooler: only
// unnamed statements, no session state). Reconnects after a lost connection.
#pragma once

#include <memory>
#include <string>

#include "sink/postgres/pg_connection.h"
#include "sink/status_reader.h"

namespace gb {

class PgStatusReader final : public StatusReader {
 public:
  PgStatusReader(std::string url, std::string described)
      : url_(std::move(url)), described_(std::move(described)) {}
  Result<DbStatus> Read() override;
  std::string Describe() const override { return described_; }

 private:
  Status ReadInto(DbStatus& status);
  Status ReadRunDetails(int64_t run_id, DbStatus& status);
  Status ReadEntries(DbStatus& status);
  Status ReadSync(DbStatus& status);
  Result<bool> TableExists(const std::string& name);

  std::string url_;
  std::string described_;
  std::unique_ptr<PgConnection> conn_;
};

}  // namespace gb
