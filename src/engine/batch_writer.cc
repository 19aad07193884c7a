#include "engine/batch_writer.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "core/row_links.h"

namespace gb {
namespace {

// The row with the link in `column` nulled and kept in metadata
// (core/row_links.h: repaired, unlinked), or none when that column holds no
// link or the row has none. A reference the sink could not name is the
// users' one, the only link a table of an earlier version declares.
std::optional<Row> WithoutLink(const Row& row, std::string_view column) {
  if (column.empty()) column = "user_id";
  const std::optional<size_t> link = EntryLinkOf(column);
  const std::optional<std::string>* value = RowLink(row, column);
  if (!link || value == nullptr || !*value) return std::nullopt;
  return WithUnresolvedLinks(row, LinkBit(*link));
}

// The id of a node kept as a reject (empty when it has none).
std::string NodeId(const std::string& node) {
  nlohmann::json j = nlohmann::json::parse(node, nullptr, false);
  return j.is_object() && j.contains("id") && j["id"].is_string() ? j["id"].get<std::string>()
                                                                  : std::string();
}

}  // namespace

Result<BatchResult> BatchWriter::Write(const Batch& batch) {
  BatchResult result;
  Status status = session_.Run([&](Session& session) {
    result = BatchResult{};  // a retried attempt starts from nothing
    return Attempt(session, batch, &result);
  });
  // An earlier attempt committed but its answer was lost: the retry rolled back,
  // and the batch is written once (its counters too, by that earlier commit).
  if (!status && !IsAlreadySaved(status.error())) return tl::unexpected(status.error());
  result.attempts = session_.attempts();
  return result;
}

Status BatchWriter::Attempt(Session& session, const Batch& batch, BatchResult* result) {
  if (Status s = session.Begin(); !s) return s;
  if (batch.items() > 0) {
    if (Status s = WriteRange(session, batch, 0, batch.items(), false, result); !s) return s;
  }
  result->rejected.insert(result->rejected.begin(), batch.rejects.begin(), batch.rejects.end());
  for (const auto& [key, counts] : batch.precounted) result->counts[key] += counts;
  if (!result->rejected.empty()) {
    if (Status s = session.RecordRejects(batch.checkpoint.run_id, batch.unit, result->rejected);
        !s) {
      return s;
    }
  }
  Checkpoint checkpoint = batch.checkpoint;
  checkpoint.fetched_before = checkpoint.fetched - batch.fetched;
  if (Status s = session.SaveProgress(checkpoint, result->counts); !s) return s;
  return session.Commit();
}

Status BatchWriter::WriteRange(Session& session, const Batch& batch, size_t lo, size_t hi,
                               bool known_bad, BatchResult* result) {
  const size_t n = hi - lo;
  if (!known_bad || n == 1) {
    ++result->statements;
    auto written =
        batch.stream != nullptr
            ? session.WriteObjects(*batch.stream,
                                   std::span<const std::string>(batch.nodes).subspan(lo, n))
            : session.WriteRows(std::span<const Row>(batch.rows).subspan(lo, n));
    if (written) {
      for (const auto& [key, counts] : *written) result->counts[key] += counts;
      return {};
    }
    if (written.error().kind != ErrorKind::kData) return tl::unexpected(written.error());
    if (n == 1) return WriteSingleBadRow(session, batch, lo, written.error(), result);
    if (n == batch.items()) {
      observer_.On(BatchSplit{batch.unit, static_cast<int64_t>(n), written.error().message});
    }
  }
  const size_t mid = lo + n / 2;
  const int before = result->bad_rows;
  if (Status s = WriteRange(session, batch, lo, mid, false, result); !s) return s;
  // The parent failed; if the left half held no bad row, the right one must.
  const bool left_clean = result->bad_rows == before;
  return WriteRange(session, batch, mid, hi, left_clean, result);
}

Status BatchWriter::WriteSingleBadRow(Session& session, const Batch& batch, size_t i,
                                      const Error& error, BatchResult* result) {
  ++result->bad_rows;
  if (batch.stream != nullptr) {
    // A node the database cannot store as it is (links never fail: the
    // upsert nulls them): kept with the database's reason.
    const std::string type(batch.stream->name);
    result->rejected.push_back(
        {NodeId(batch.nodes[i]), kWholeStream, type, error.code, error.message, batch.nodes[i]});
    ++result->counts[{kWholeStream, type}].rejected;
    return {};
  }
  const Row& row = batch.rows[i];
  Error final_error = error;
  std::optional<Row> fixed;
  if (error.violation.kind == ViolationKind::kMissingReference) {
    fixed = WithoutLink(row, error.violation.column);
  }
  if (fixed) {
    ++result->statements;
    auto written = session.WriteRows(std::span<const Row>(&*fixed, 1));
    if (written) {
      for (const auto& [key, counts] : *written) result->counts[key] += counts;
      return {};
    }
    if (written.error().kind != ErrorKind::kData) return tl::unexpected(written.error());
    final_error = written.error();
  }
  result->rejected.push_back(
      {row.external_id, row.year, row.source_type, final_error.code, final_error.message, row.raw});
  ++result->counts[{row.year, row.source_type}].rejected;
  return {};
}

}  // namespace gb
