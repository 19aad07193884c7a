#include "monitor/log_lines.h"

#include "monitor/exposure_text.h"
#include "monitor/format.h"
#include "monitor/i18n.h"
#include "monitor/sync_text.h"
#include "monitor/unlink_text.h"
#include "monitor/wait_reason_text.h"

namespace gb {
namespace {

// What the batch did within the planned years (rows of other years are skipped).
Counts PlannedCounts(const BatchCommitted& batch, const Snapshot& s) {
  Counts c;
  for (const auto& [key, counts] : batch.counts) {
    auto it = s.years.find(key.year);
    if (it != s.years.end() && it->second.planned) {
      c += counts;
    } else {
      c.skipped += counts.fetched();
    }
  }
  return c;
}

std::string EntriesRange(int64_t batch_done, const Snapshot& s) {
  std::string total = FormatCount(s.expected);
  std::string pct = FormatPercent1(s.done, s.expected);
  if (batch_done <= 0) return TrFormat("Entries {}/{} ({})", FormatCount(s.done), total, pct);
  return TrFormat("Entries {}–{}/{} ({})", FormatCount(s.done - batch_done + 1),
                  FormatCount(s.done), total, pct);
}

// The timeline's pages hold entries; another stream's are named.
std::string PageSizeText(const PageSizeFound& e) {
  if (!e.stream.empty()) {
    if (e.refused) {
      return TrFormat("Page size of {}: the API refused pages of {} ({}); asking {} from now on",
                      e.stream, FormatCount(e.asked), TrReason(e.answer), FormatCount(e.honoured));
    }
    if (e.honoured < e.asked) {
      return TrFormat("Page size of {}: asked {}, the API gives at most {} per page", e.stream,
                      e.asked, e.honoured);
    }
    return TrFormat("Page size of {}: the API gives full pages of {} again", e.stream, e.asked);
  }
  if (e.refused) {
    return TrFormat("Page size: the API refused pages of {} ({}); asking {} from now on",
                    FormatCount(e.asked), TrReason(e.answer), FormatCount(e.honoured));
  }
  if (e.honoured < e.asked) {
    return TrFormat("Page size: asked {}, the API gives at most {} entries per page", e.asked,
                    e.honoured);
  }
  return TrFormat("Page size: the API gives full pages of {} again", e.asked);
}

std::string Other(const Event& event, const Snapshot& s) {
  if (const auto* e = std::get_if<BatchSplit>(&event)) {
    return TrFormat("Batch of {} rows failed ({}); isolating the bad rows", FormatCount(e->rows),
                    TrReason(e->reason));
  }
  if (const auto* e = std::get_if<RowRejected>(&event)) {
    std::string code = e->sqlstate.empty() ? "" : " [" + e->sqlstate + "]";
    return TrFormat("Rejected {} ({}){}: {} — kept in the rejects table", e->external_id, e->year,
                    code, e->reason);
  }
  if (const auto* e = std::get_if<TokenRefreshed>(&event)) {
    if (!e->ok) return TrFormat("Token refresh failed: {}", TrReason(e->message));
    return TrFormat("Access token refreshed; valid until {}", FormatClockTime(e->expires_at));
  }
  if (const auto* e = std::get_if<SliceDone>(&event)) {
    return TrFormat("Stream {} finished: {} entries fetched", e->unit, FormatCount(e->fetched));
  }
  if (const auto* e = std::get_if<Warning>(&event)) {
    return TrFormat("Warning: {}", TrReason(e->message));
  }
  if (const auto* e = std::get_if<UserLinksRestored>(&event)) return UserLinksRestoredText(*e);
  if (const auto* e = std::get_if<PageSizeFound>(&event)) return PageSizeText(*e);
  if (const auto* e = std::get_if<SyncCompared>(&event)) return SyncComparedText(*e);
  if (const auto* e = std::get_if<MissingMarked>(&event)) return MissingMarkedText(*e);
  (void)s;
  return "";
}

}  // namespace

std::vector<std::string> FormatRunStartedLines(const Snapshot& s) {
  std::vector<std::string> lines;
  lines.push_back(TrFormat(s.resumed ? TrNoop("Run {} resumed → {} (worker {})")
                                     : TrNoop("Run {} started → {} (worker {})"),
                           s.run_id, s.destination, s.worker_id));
  int planned = 0;
  for (const auto& [year, y] : s.years) planned += y.planned ? 1 : 0;
  lines.push_back(TrFormat("Plan: {} entries in {} years · {} streams, {} at a time",
                           FormatCount(s.expected), planned, s.unit_count, s.concurrency));
  if (s.far_round_trip_ms > 0) {
    lines.push_back(
        TrFormat("The database answers in {} ms: batches of {} rows, fewer round trips per row "
                 "(--batch-size sets them)",
                 s.far_round_trip_ms, FormatCount(s.batch_size)));
  }
  for (const auto& [year, y] : s.years) {
    if (!y.planned) continue;
    std::string line = TrFormat("  {}  {} expected", year, PadLeft(FormatCount(y.expected), 9));
    if (y.done() > 0) line += TrFormat(" ({} already loaded)", FormatCount(y.done()));
    lines.push_back(line);
  }
  return lines;
}

std::string FormatBatchLine(const BatchCommitted& batch, const Snapshot& s) {
  Counts c = PlannedCounts(batch, s);
  int64_t batch_done = c.loaded() + c.repaired + c.rejected;
  std::string line = TrFormat("Batch {}/{}", FormatCount(s.batches),
                              FormatCount(std::max(s.batches, s.batches_estimated)));
  line += " | " + EntriesRange(batch_done, s);
  line += " | " + TrFormat("{} new, {} updated, {} unchanged", FormatCount(c.inserted),
                           FormatCount(c.updated), FormatCount(c.unchanged));
  line += " | " + TrFormat("total {}", FormatCount(s.done));
  line += " | " +
          TrFormat("{} repaired, {} rejected", FormatCount(c.repaired), FormatCount(c.rejected));
  if (c.skipped > 0)
    line += " | " + TrFormat("{} outside the years, skipped", FormatCount(c.skipped));
  line += " | " + FormatRate(s.rate);
  if (!batch.unit.empty()) line += " | " + batch.unit;
  return line;
}

std::string FormatRetryLine(const RetryScheduled& r) {
  // `what` is "api" or "database", words of the engine's vocabulary.
  std::string what = r.what == "api" ? Tr("api") : r.what == "database" ? Tr("database") : r.what;
  return TrFormat("Retry {} (attempt {}) in {}: {} — until {}", what, r.attempt,
                  FormatDuration(r.delay), RetryCauseText(r.http_status, r.reason),
                  FormatClockTime(r.until));
}

std::vector<std::string> FormatDestinationLines(const DestinationPrepared& e) {
  std::vector<std::string> lines;
  if (!e.moved_tables.empty())
    lines.push_back(MovedTablesText(e.bookkeeping_schema, e.moved_tables));
  for (const auto& exposure : e.exposed) {
    for (auto& line : ExposureLines(exposure)) lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<std::string> FormatLogLines(const Event& event, const Snapshot& snapshot) {
  if (std::holds_alternative<RunStarted>(event)) return FormatRunStartedLines(snapshot);
  if (const auto* e = std::get_if<DestinationPrepared>(&event)) return FormatDestinationLines(*e);
  if (const auto* e = std::get_if<BatchCommitted>(&event)) return {FormatBatchLine(*e, snapshot)};
  if (const auto* e = std::get_if<RetryScheduled>(&event)) return {FormatRetryLine(*e)};
  std::string line = Other(event, snapshot);
  if (line.empty()) return {};
  return {line};
}

}  // namespace gb
