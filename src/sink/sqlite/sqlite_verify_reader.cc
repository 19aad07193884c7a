#include "sink/sqlite/sqlite_verify_reader.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/iso_time.h"
#include "sql/sqlite.h"

namespace gb {
namespace {

namespace q = sql::sqlite;

}  // namespace

Status SqliteVerifyReader::Connect() {
  if (conn_) return {};
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) {
    return Fail(ErrorKind::kConfig,
                "no SQLite database at " + path_ + ": nothing was loaded there");
  }
  auto conn = SqliteConnection::Open(path_);
  if (!conn) return tl::unexpected(conn.error());
  conn_ = std::move(*conn);
  return {};
}

Result<bool> SqliteVerifyReader::HasEntries() {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  bool exists = false;
  auto s = conn_->ForEachRow(
      "checking for the entries table", q::kTableExists,
      [&](sqlite3_stmt* st) { exists = sqlite3_column_int64(st, 0) > 0; },
      std::string_view("gazelle_timeline_entries"));
  if (!s) return tl::unexpected(s.error());
  return exists;
}

Result<int64_t> SqliteVerifyReader::Count(const char* doing, std::string_view sql, int64_t from,
                                          int64_t to) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  int64_t n = 0;
  auto s = conn_->ForEachRow(
      doing, sql, [&](sqlite3_stmt* st) { n = sqlite3_column_int64(st, 0); }, FormatIsoUtc(from),
      FormatIsoUtc(to));
  if (!s) return tl::unexpected(s.error());
  return n;
}

Result<int64_t> SqliteVerifyReader::CountBetween(int64_t from, int64_t to) {
  return Count("counting the destination rows", q::kVerifyCount, from, to);
}

Result<int64_t> SqliteVerifyReader::Unlinked(int64_t from, int64_t to) {
  return Count("counting the links nulled", q::kVerifyUnlinked, from, to);
}

Result<int64_t> SqliteVerifyReader::CountStream(const StreamModule& stream, const DateSpan& span) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  int64_t n = 0;
  const std::string doing = "counting the rows of " + std::string(stream.table);
  auto read = [&](sqlite3_stmt* st) { n = sqlite3_column_int64(st, 0); };
  auto s = stream.bounded()
               ? conn_->ForEachRow(doing, stream.sqlite.count, read, span.since, span.until)
               : conn_->ForEachRow(doing, stream.sqlite.count, read);
  if (!s) return tl::unexpected(s.error());
  return n;
}

Result<std::vector<std::string>> SqliteVerifyReader::IdsBetween(int64_t from, int64_t to) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  std::vector<std::string> ids;
  auto s = conn_->ForEachRow(
      "reading the destination ids", q::kVerifyIds,
      [&](sqlite3_stmt* st) { ids.push_back(SqliteConnection::Text(st, 0)); }, FormatIsoUtc(from),
      FormatIsoUtc(to));
  if (!s) return tl::unexpected(s.error());
  return ids;
}

Result<std::vector<std::string>> SqliteVerifyReader::ExistingIds(std::span<const std::string> ids) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& id : ids) list.push_back(id);
  std::vector<std::string> found;
  auto s = conn_->ForEachRow(
      "looking up ids in the destination", q::kVerifyExistingIds,
      [&](sqlite3_stmt* st) { found.push_back(SqliteConnection::Text(st, 0)); },
      list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (!s) return tl::unexpected(s.error());
  return found;
}

Result<std::vector<DuplicateId>> SqliteVerifyReader::Duplicates(int64_t from, int64_t to,
                                                                int limit) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  std::vector<DuplicateId> out;
  auto s = conn_->ForEachRow(
      "looking for duplicates", q::kVerifyDuplicates,
      [&](sqlite3_stmt* st) {
        out.push_back({SqliteConnection::Text(st, 0), sqlite3_column_int64(st, 1)});
      },
      FormatIsoUtc(from), FormatIsoUtc(to), limit);
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<ForeignRows> SqliteVerifyReader::Foreign(int64_t from, int64_t to, int limit) {
  if (auto s = Connect(); !s) return tl::unexpected(s.error());
  ForeignRows out;
  auto s = conn_->ForEachRow(
      "looking for rows of another id scheme", q::kVerifyForeign,
      [&](sqlite3_stmt* st) {
        out.sample.push_back(SqliteConnection::Text(st, 0));
        out.count = sqlite3_column_int64(st, 1);
      },
      FormatIsoUtc(from), FormatIsoUtc(to), limit);
  if (!s) return tl::unexpected(s.error());
  return out;
}

}  // namespace gb
