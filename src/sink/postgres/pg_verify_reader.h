// VerifyReader for a PostgreSQL destination (direct or through a pooler:
// unnamed statements only). Connects on first use.
#pragma once

#include <memory>
#include <string>

#include "sink/postgres/pg_lazy_connection.h"
#include "sink/verify_reader.h"

namespace gb {

class PgVerifyReader final : public VerifyReader {
 public:
  PgVerifyReader(std::string url, std::string described)
      : conn_(std::move(url)), described_(std::move(described)) {}
  Result<bool> HasEntries() override;
  Result<int64_t> CountBetween(int64_t from, int64_t to) override;
  Result<std::vector<std::string>> IdsBetween(int64_t from, int64_t to) override;
  Result<std::vector<std::string>> ExistingIds(std::span<const std::string> ids) override;
  Result<std::vector<DuplicateId>> Duplicates(int64_t from, int64_t to, int limit) override;
  Result<ForeignRows> Foreign(int64_t from, int64_t to, int limit) override;
  Result<int64_t> Unlinked(int64_t from, int64_t to) override;
  Result<int64_t> CountStream(const StreamModule& stream, const DateSpan& span) override;
  std::string Describe() const override { return described_; }

 private:
  PgLazyConnection conn_;
  std::string described_;
};

}  // namespace gb
