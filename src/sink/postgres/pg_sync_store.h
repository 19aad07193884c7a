// SyncStore for a PostgreSQL destination (direct or through a pooler:
// unnamed statements only). Connects on first use.
#pragma once

#include <memory>
#include <string>

#include "sink/postgres/pg_lazy_connection.h"
#include "sink/sync_store.h"

namespace gb {

class PgSyncStore final : public SyncStore {
 public:
  explicit PgSyncStore(std::string url) : conn_(std::move(url)) {}
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
  PgLazyConnection conn_;
};

}  // namespace gb
