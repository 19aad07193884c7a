// RejectsStore for a PostgreSQL destination. A retry connection is a
// PostgresSession plus a PgRejectsTransaction on the same PgConnection.
#pragma once

#include <memory>
#include <string>

#include "sink/postgres/pg_connection.h"
#include "sink/rejects_store.h"

namespace gb {

class PgRejectsStore final : public RejectsStore {
 public:
  PgRejectsStore(std::string url, std::string described)
      : url_(std::move(url)), described_(std::move(described)) {}
  Result<std::vector<StoredReject>> List(std::optional<int64_t> run_id) override;
  Result<std::string> RunParams(int64_t run_id) override;
  Result<RetryConnection> ConnectForRetry() override;
  std::string Describe() const override { return described_; }

 private:
  Status Connect();

  std::string url_;
  std::string described_;
  std::unique_ptr<PgConnection> conn_;  // for reading
};

}  // namespace gb
