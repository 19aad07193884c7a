// SyncStore for a SQLite destination: its own connection (WAL lets it
// work beside a loader). The statements name their table at run time, so
// each is made once per table and kept (the connection caches statements by
// their text's address).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "sink/sqlite/sqlite_connection.h"
#include "sink/sync_store.h"

namespace gb {

class SqliteSyncStore final : public SyncStore {
 public:
  explicit SqliteSyncStore(std::string path) : path_(std::move(path)) {}
  Result<std::optional<StoredSpan>> TimelineSpan() override;
  Result<std::vector<std::string>> StoredIds(std::string_view table) override;
  Result<int64_t> Mark(std::string_view table, std::span<const std::string> ids,
                       int64_t at) override;
  Result<int64_t> Clear(std::string_view table, std::span<const std::string> ids) override;
  Result<int64_t> CountMarked(std::string_view table) override;
  Result<std::optional<int64_t>> LastSweep(std::string_view stream) override;
  Result<std::optional<int64_t>> NewestCreated(std::string_view table,
                                               std::string_view column) override;
  Result<int64_t> CountCreatedSince(std::string_view table, std::string_view column,
                                    const std::string& date) override;
  Result<std::vector<std::string>> StoredIdsCreatedSince(std::string_view table,
                                                         std::string_view column,
                                                         const std::string& date) override;
  Status Schedule(std::string_view worker_id, int64_t every_s, int64_t next_at) override;
  Status Unschedule(std::string_view worker_id) override;

 private:
  Status Connect();
  // `sql` with its table (and column) bound, kept for the connection's
  // statement cache.
  const std::string& ForTable(std::string_view sql, std::string_view table,
                              std::string_view column = {});
  // Runs an UPDATE of `ids` (a JSON array as ?1): the rows it changed.
  template <class... More>
  Result<int64_t> Update(const char* doing, std::string_view sql, std::span<const std::string> ids,
                         const More&... more);

  template <class... Args>
  Status Write(const char* doing, std::string_view sql, const Args&... args);

  std::string path_;
  std::unique_ptr<SqliteConnection> conn_;
  std::map<std::string, std::string> bound_;
};

}  // namespace gb
