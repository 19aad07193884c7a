#include "sink/postgres/pg_verify_reader.h"

#include "sink/postgres/copy_text.h"
#include "sql/postgres.h"

namespace gb {
namespace {

namespace q = sql::postgres;

std::vector<PgParam> Range(int64_t from, int64_t to) {
  return {std::to_string(from), std::to_string(to)};
}

std::vector<std::string> FirstColumn(const PgResult& res) {
  std::vector<std::string> out;
  out.reserve(res.rows());
  for (int i = 0; i < res.rows(); ++i) out.emplace_back(res.Text(i, 0));
  return out;
}

}  // namespace

Result<bool> PgVerifyReader::HasEntries() {
  auto res = conn_.Exec("checking for the entries table", q::kTableExists,
                        {std::string("gazelle_timeline_entries")});
  if (!res) return tl::unexpected(res.error());
  return res->rows() > 0 && res->Bool(0, 0);
}

Result<int64_t> PgVerifyReader::CountBetween(int64_t from, int64_t to) {
  auto res = conn_.Exec("counting the destination rows", q::kVerifyCount, Range(from, to));
  if (!res) return tl::unexpected(res.error());
  return res->Int(0, 0);
}

Result<int64_t> PgVerifyReader::Unlinked(int64_t from, int64_t to) {
  auto res = conn_.Exec("counting the links nulled", q::kVerifyUnlinked, Range(from, to));
  if (!res) return tl::unexpected(res.error());
  return res->Int(0, 0);
}

Result<int64_t> PgVerifyReader::CountStream(const StreamModule& stream, const DateSpan& span) {
  std::vector<PgParam> bounds;
  if (stream.bounded()) bounds = {span.since, span.until};
  auto res = conn_.Exec("counting the rows of " + std::string(stream.table), stream.postgres.count,
                        bounds);
  if (!res) return tl::unexpected(res.error());
  return res->Int(0, 0);
}

Result<std::vector<std::string>> PgVerifyReader::IdsBetween(int64_t from, int64_t to) {
  auto res = conn_.Exec("reading the destination ids", q::kVerifyIds, Range(from, to));
  if (!res) return tl::unexpected(res.error());
  return FirstColumn(*res);
}

Result<std::vector<std::string>> PgVerifyReader::ExistingIds(std::span<const std::string> ids) {
  std::vector<std::string_view> views(ids.begin(), ids.end());
  auto res = conn_.Exec("looking up ids in the destination", q::kVerifyExistingIds,
                        {TextArrayLiteral(views)});
  if (!res) return tl::unexpected(res.error());
  return FirstColumn(*res);
}

Result<std::vector<DuplicateId>> PgVerifyReader::Duplicates(int64_t from, int64_t to, int limit) {
  std::vector<PgParam> params = Range(from, to);
  params.push_back(std::to_string(limit));
  auto res = conn_.Exec("looking for duplicates", q::kVerifyDuplicates, params);
  if (!res) return tl::unexpected(res.error());
  std::vector<DuplicateId> out;
  for (int i = 0; i < res->rows(); ++i) {
    out.push_back({std::string(res->Text(i, 0)), res->Int(i, 1)});
  }
  return out;
}

Result<ForeignRows> PgVerifyReader::Foreign(int64_t from, int64_t to, int limit) {
  std::vector<PgParam> params = Range(from, to);
  params.push_back(std::to_string(limit));
  auto res = conn_.Exec("looking for rows of another id scheme", q::kVerifyForeign, params);
  if (!res) return tl::unexpected(res.error());
  ForeignRows out;
  out.sample = FirstColumn(*res);
  if (res->rows() > 0) out.count = res->Int(0, 1);
  return out;
}

}  // namespace gb
