// VerifyReader for a SQLite destination: its own connection (WAL lets it read
// while a loader writes). occurred_at is ISO 8601 UTC text there, so ranges
// compare as text.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "sink/sqlite/sqlite_connection.h"
#include "sink/verify_reader.h"

namespace gb {

class SqliteVerifyReader final : public VerifyReader {
 public:
  explicit SqliteVerifyReader(std::string path) : path_(std::move(path)) {}
  Result<bool> HasEntries() override;
  Result<int64_t> CountBetween(int64_t from, int64_t to) override;
  Result<std::vector<std::string>> IdsBetween(int64_t from, int64_t to) override;
  Result<std::vector<std::string>> ExistingIds(std::span<const std::string> ids) override;
  Result<std::vector<DuplicateId>> Duplicates(int64_t from, int64_t to, int limit) override;
  Result<ForeignRows> Foreign(int64_t from, int64_t to, int limit) override;
  Result<int64_t> Unlinked(int64_t from, int64_t to) override;
  Result<int64_t> CountStream(const StreamModule& stream, const DateSpan& span) override;
  std::string Describe() const override { return "sqlite:" + path_; }

 private:
  Status Connect();
  // One count over [from, to) (epoch seconds, bound as ISO text).
  Result<int64_t> Count(const char* doing, std::string_view sql, int64_t from, int64_t to);

  std::string path_;
  std::unique_ptr<SqliteConnection> conn_;
};

}  // namespace gb
