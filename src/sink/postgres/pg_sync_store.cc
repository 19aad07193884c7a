#include "sink/postgres/pg_sync_store.h"

#include "sink/postgres/copy_text.h"
#include "sink/sql_identifier.h"
#include "sql/postgres.h"

namespace gb {
namespace {

namespace q = sql::postgres;

std::string ForTable(std::string_view sql, std::string_view table, std::string_view column = {}) {
  return BindIdentifiers(sql, {{"table", table}, {"column", column}});
}

}  // namespace

Result<std::optional<StoredSpan>> PgSyncStore::TimelineSpan() {
  auto res = conn_.Exec("reading the span of the stored entries", q::kTimelineSpan);
  if (!res) return tl::unexpected(res.error());
  if (res->rows() == 0 || res->IsNull(0, 0)) return std::optional<StoredSpan>{};
  return std::optional<StoredSpan>{StoredSpan{res->Int(0, 0), res->Int(0, 1)}};
}

Result<std::vector<std::string>> PgSyncStore::StoredIds(std::string_view table) {
  auto res =
      conn_.Exec("reading the stored ids", ForTable(q::kStoredIds, table), {std::string(table)});
  if (!res) return tl::unexpected(res.error());
  std::vector<std::string> ids;
  ids.reserve(res->rows());
  for (int i = 0; i < res->rows(); ++i) ids.emplace_back(res->Text(i, 0));
  return ids;
}

Result<int64_t> PgSyncStore::Mark(std::string_view table, std::span<const std::string> ids,
                                  int64_t at) {
  std::vector<std::string_view> views(ids.begin(), ids.end());
  auto res = conn_.Exec("marking the rows gone from the source", q::kMarkMissing,
                        {TextArrayLiteral(views), std::to_string(at), std::string(table)});
  if (!res) return tl::unexpected(res.error());
  return res->Affected();
}

Result<int64_t> PgSyncStore::Clear(std::string_view table, std::span<const std::string> ids) {
  std::vector<std::string_view> views(ids.begin(), ids.end());
  auto res = conn_.Exec("unmarking the rows back at the source", q::kClearMissing,
                        {TextArrayLiteral(views), std::string(table)});
  if (!res) return tl::unexpected(res.error());
  return res->Affected();
}

Result<int64_t> PgSyncStore::CountMarked(std::string_view table) {
  auto res = conn_.Exec("counting the rows marked missing", q::kCountMarked, {std::string(table)});
  if (!res) return tl::unexpected(res.error());
  return res->Int(0, 0);
}

Result<std::optional<int64_t>> PgSyncStore::LastSweep(std::string_view stream) {
  auto res = conn_.Exec("reading when the stream was last swept", q::kLastStreamSweep,
                        {std::string(stream)});
  if (!res) return tl::unexpected(res.error());
  if (res->rows() == 0 || res->IsNull(0, 0)) return std::optional<int64_t>{};
  return std::optional<int64_t>{res->Int(0, 0)};
}

Result<std::optional<int64_t>> PgSyncStore::NewestCreated(std::string_view table,
                                                          std::string_view column) {
  auto res = conn_.Exec("reading the newest creation time of " + std::string(table),
                        ForTable(q::kNewestCreated, table, column), {std::string(table)});
  if (!res) return tl::unexpected(res.error());
  if (res->rows() == 0 || res->IsNull(0, 0)) return std::optional<int64_t>{};
  return std::optional<int64_t>{res->Int(0, 0)};
}

Result<int64_t> PgSyncStore::CountCreatedSince(std::string_view table, std::string_view column,
                                               const std::string& date) {
  auto res = conn_.Exec("counting the rows of " + std::string(table) + " created since " + date,
                        ForTable(q::kCountCreatedSince, table, column), {std::string(table), date});
  if (!res) return tl::unexpected(res.error());
  return res->Int(0, 0);
}

Result<std::vector<std::string>> PgSyncStore::StoredIdsCreatedSince(std::string_view table,
                                                                    std::string_view column,
                                                                    const std::string& date) {
  auto res =
      conn_.Exec("reading the stored ids created since " + date,
                 ForTable(q::kStoredIdsCreatedSince, table, column), {std::string(table), date});
  if (!res) return tl::unexpected(res.error());
  std::vector<std::string> ids;
  ids.reserve(res->rows());
  for (int i = 0; i < res->rows(); ++i) ids.emplace_back(res->Text(i, 0));
  return ids;
}

Status PgSyncStore::Schedule(std::string_view worker_id, int64_t every_s, int64_t next_at) {
  auto res = conn_.Exec("recording the next sync", q::kScheduleBeat,
                        {std::string(worker_id), std::to_string(every_s), std::to_string(next_at)});
  if (!res) return tl::unexpected(res.error());
  return {};
}

Status PgSyncStore::Unschedule(std::string_view worker_id) {
  auto res = conn_.Exec("removing the schedule", q::kUnschedule, {std::string(worker_id)});
  if (!res) return tl::unexpected(res.error());
  return {};
}

}  // namespace gb
