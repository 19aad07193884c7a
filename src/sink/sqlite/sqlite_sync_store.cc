#include "sink/sqlite/sqlite_sync_store.h"

#include <nlohmann/json.hpp>

#include "core/iso_time.h"
#include "sink/sql_identifier.h"
#include "sql/sqlite.h"

namespace gb {
namespace {

namespace q = sql::sqlite;

std::string JsonArray(std::span<const std::string> ids) {
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& id : ids) list.push_back(id);
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Status SqliteSyncStore::Connect() {
  if (conn_) return {};
  auto conn = SqliteConnection::Open(path_);
  if (!conn) return tl::unexpected(conn.error());
  conn_ = std::move(*conn);
  return {};
}

const std::string& SqliteSyncStore::ForTable(std::string_view sql, std::string_view table,
                                             std::string_view column) {
  std::string key = std::string(table) + '\n' + std::string(column) + '\n' + std::string(sql);
  auto it = bound_.find(key);
  if (it == bound_.end()) {
    it =
        bound_.emplace(std::move(key), BindIdentifiers(sql, {{"table", table}, {"column", column}}))
            .first;
  }
  return it->second;
}

Result<std::optional<StoredSpan>> SqliteSyncStore::TimelineSpan() {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  std::optional<StoredSpan> span;
  auto s = conn_->ForEachRow("reading the span of the stored entries", q::kTimelineSpan,
                             [&](sqlite3_stmt* st) {
                               auto oldest = ParseIsoUtc(SqliteConnection::Text(st, 0));
                               auto newest = ParseIsoUtc(SqliteConnection::Text(st, 1));
                               if (oldest && newest) span = StoredSpan{*oldest, *newest};
                             });
  if (!s) return tl::unexpected(s.error());
  return span;
}

Result<std::vector<std::string>> SqliteSyncStore::StoredIds(std::string_view table) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  std::vector<std::string> ids;
  auto s = conn_->ForEachRow(
      "reading the stored ids", ForTable(q::kStoredIds, table),
      [&](sqlite3_stmt* st) { ids.push_back(SqliteConnection::Text(st, 0)); }, table);
  if (!s) return tl::unexpected(s.error());
  return ids;
}

template <class... More>
Result<int64_t> SqliteSyncStore::Update(const char* doing, std::string_view sql,
                                        std::span<const std::string> ids, const More&... more) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  auto stmt = conn_->Run(doing, sql, JsonArray(ids), more...);
  if (!stmt) return tl::unexpected(stmt.error());
  return conn_->Changes();
}

Result<int64_t> SqliteSyncStore::Mark(std::string_view table, std::span<const std::string> ids,
                                      int64_t at) {
  return Update("marking the rows gone from the source", q::kMarkMissing, ids, FormatIsoUtc(at),
                table);
}

Result<int64_t> SqliteSyncStore::Clear(std::string_view table, std::span<const std::string> ids) {
  return Update("unmarking the rows back at the source", q::kClearMissing, ids, table);
}

Result<int64_t> SqliteSyncStore::CountMarked(std::string_view table) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  int64_t n = 0;
  auto s = conn_->ForEachRow(
      "counting the rows marked missing", q::kCountMarked,
      [&](sqlite3_stmt* st) { n = sqlite3_column_int64(st, 0); }, table);
  if (!s) return tl::unexpected(s.error());
  return n;
}

Result<std::optional<int64_t>> SqliteSyncStore::LastSweep(std::string_view stream) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  std::optional<int64_t> at;
  auto s = conn_->ForEachRow(
      "reading when the stream was last swept", q::kLastStreamSweep,
      [&](sqlite3_stmt* st) { at = ParseIsoUtc(SqliteConnection::Text(st, 0)); }, stream);
  if (!s) return tl::unexpected(s.error());
  return at;
}

Result<std::optional<int64_t>> SqliteSyncStore::NewestCreated(std::string_view table,
                                                              std::string_view column) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  std::optional<int64_t> at;
  auto s = conn_->ForEachRow(
      "reading the newest creation time of " + std::string(table),
      ForTable(q::kNewestCreated, table, column),
      [&](sqlite3_stmt* st) {
        if (sqlite3_column_type(st, 0) != SQLITE_NULL) at = sqlite3_column_int64(st, 0);
      },
      table);
  if (!s) return tl::unexpected(s.error());
  return at;
}

Result<int64_t> SqliteSyncStore::CountCreatedSince(std::string_view table, std::string_view column,
                                                   const std::string& date) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  int64_t n = 0;
  auto s = conn_->ForEachRow(
      "counting the rows of " + std::string(table) + " created since " + date,
      ForTable(q::kCountCreatedSince, table, column),
      [&](sqlite3_stmt* st) { n = sqlite3_column_int64(st, 0); }, table, date);
  if (!s) return tl::unexpected(s.error());
  return n;
}

Result<std::vector<std::string>> SqliteSyncStore::StoredIdsCreatedSince(std::string_view table,
                                                                        std::string_view column,
                                                                        const std::string& date) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  std::vector<std::string> ids;
  auto s = conn_->ForEachRow(
      "reading the stored ids created since " + date,
      ForTable(q::kStoredIdsCreatedSince, table, column),
      [&](sqlite3_stmt* st) { ids.push_back(SqliteConnection::Text(st, 0)); }, table, date);
  if (!s) return tl::unexpected(s.error());
  return ids;
}

template <class... Args>
Status SqliteSyncStore::Write(const char* doing, std::string_view sql, const Args&... args) {
  if (auto s = Connect(); !s) return s;
  auto stmt = conn_->Run(doing, sql, args...);
  if (!stmt) return tl::unexpected(stmt.error());
  return {};
}

Status SqliteSyncStore::Schedule(std::string_view worker_id, int64_t every_s, int64_t next_at) {
  return Write("recording the next sync", q::kScheduleBeat, worker_id, every_s, next_at);
}

Status SqliteSyncStore::Unschedule(std::string_view worker_id) {
  return Write("removing the schedule", q::kUnschedule, worker_id);
}

}  // namespace gb
