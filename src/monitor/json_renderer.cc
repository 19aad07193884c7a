#include "monitor/json_renderer.h"

#include <nlohmann/json.hpp>

#include "core/count_table_json.h"
#include "core/iso_time.h"
#include "monitor/exposure_text.h"

namespace gb {
namespace {

using nlohmann::json;

std::string Iso(std::chrono::system_clock::time_point t) {
  return FormatIsoUtc(
      std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

json Cells(const CountTable& table) { return CountTableJson(table); }

json TimelineProgress(const Snapshot& s) {
  return {{"done", s.done},
          {"expected", s.expected},
          {"rate", s.rate},
          {"eta_s", s.eta ? json(s.eta->count()) : json(nullptr)},
          {"batches", s.batches},
          {"repaired", s.totals.repaired},
          {"rejected", s.totals.rejected},
          {"skipped", s.totals.skipped}};
}

// The other streams, each with its figures: {"clients": {"done": .., "expected": ..}}.
json StreamsProgress(const Snapshot& s) {
  json streams = json::object();
  for (const auto& [name, stream] : s.streams) {
    streams[name] = {{"done", stream.done()},
                     {"expected", stream.expected},
                     {"repaired", stream.counts.repaired},
                     {"rejected", stream.counts.rejected}};
  }
  return streams;
}

json Progress(const Snapshot& s) {
  json progress = TimelineProgress(s);
  if (!s.streams.empty()) progress["streams"] = StreamsProgress(s);
  return progress;
}

json Fields(const RunStarted& e) {
  json expected = json::object();
  for (const auto& [year, n] : e.expected) expected[std::to_string(year)] = n;
  return {{"event", "run_started"},
          {"run_id", e.run_id},
          {"worker_id", FormatWorkerId(e.worker_id)},
          {"destination", e.destination},
          {"resumed", e.resumed},
          {"concurrency", e.concurrency},
          {"units", e.units},
          {"years", e.years},
          {"batch_size", e.batch_size},
          {"far_round_trip_ms", e.far_round_trip.count()},
          {"expected", expected},
          {"streams_expected", e.streams_expected},
          {"done_before", Cells(e.done_before)}};
}

json Fields(const PageFetched& e) {
  return {{"event", "page_fetched"},
          {"unit", e.unit},
          {"rows", e.rows},
          {"elapsed_ms", e.elapsed.count()}};
}

json Fields(const BatchCommitted& e) {
  return {{"event", "batch_committed"},      {"unit", e.unit},
          {"batch_no", e.batch_no},          {"rows", e.rows},
          {"elapsed_ms", e.elapsed.count()}, {"newest_id", e.newest_id},
          {"counts", Cells(e.counts)}};
}

json Fields(const BatchSplit& e) {
  return {{"event", "batch_split"}, {"unit", e.unit}, {"rows", e.rows}, {"reason", e.reason}};
}

json Fields(const RowRejected& e) {
  return {{"event", "row_rejected"}, {"unit", e.unit},         {"external_id", e.external_id},
          {"year", e.year},          {"sqlstate", e.sqlstate}, {"reason", e.reason}};
}

json Fields(const RetryScheduled& e) {
  return {{"event", "retry_scheduled"},  {"what", e.what},
          {"reason", e.reason},          {"attempt", e.attempt},
          {"delay_ms", e.delay.count()}, {"until", Iso(e.until)}};
}

json Fields(const TokenRefreshed& e) {
  return {{"event", "token_refreshed"},
          {"ok", e.ok},
          {"expires_at", Iso(e.expires_at)},
          {"message", e.message}};
}

json Fields(const SliceDone& e) {
  return {{"event", "slice_done"}, {"unit", e.unit}, {"fetched", e.fetched}};
}

json Fields(const Warning& e) { return {{"event", "warning"}, {"message", e.message}}; }

json Fields(const PageSizeFound& e) {
  json j = {{"event", "page_size"}, {"asked", e.asked}, {"honoured", e.honoured}};
  if (!e.stream.empty()) j["stream"] = e.stream;
  if (e.refused) {
    j["refused"] = true;
    j["answer"] = e.answer;
  }
  return j;
}

json Fields(const UserLinksRestored& e) {
  return {{"event", "user_links_restored"}, {"restored", e.restored}, {"unlinked", e.unlinked}};
}

json Fields(const TimeSpent& e) {
  return {{"event", "time_spent"}, {"phase", e.phase}, {"elapsed_us", e.elapsed.count()}};
}

json Fields(const DestinationPrepared& e) {
  json exposed = json::array();
  for (const auto& x : e.exposed) exposed.push_back(ExposureJson(x));
  return {{"event", "destination_prepared"},
          {"bookkeeping_schema", e.bookkeeping_schema},
          {"moved_tables", e.moved_tables},
          {"exposed_tables", exposed}};
}

json Fields(const SyncCompared& e) {
  json fresh = json::array();
  for (const StreamWindow& w : e.streams_new) {
    fresh.push_back({{"stream", w.stream}, {"since", w.since}, {"count", w.count}});
  }
  return {{"event", "sync_compared"},
          {"months", e.months},
          {"months_differing", e.months_differing},
          {"top", e.top},
          {"floor", e.floor},
          {"streams_swept", e.streams_swept},
          {"streams_new", fresh},
          {"streams_equal", e.streams_equal}};
}

json Fields(const MissingMarked& e) {
  return {{"event", "missing_marked"},
          {"stream", e.stream},
          {"marked", e.marked},
          {"restored", e.restored},
          {"total", e.total}};
}

json Fields(const RunFinished& e) {
  return {{"event", "run_finished"},  {"run_id", e.run_id}, {"exit_code", e.exit_code},
          {"state", e.state},         {"reason", e.reason}, {"elapsed_ms", e.elapsed.count()},
          {"totals", Cells(e.totals)}};
}

}  // namespace

std::string FormatJsonEvent(const Event& event, const Snapshot& snapshot,
                            std::chrono::system_clock::time_point now) {
  json j = std::visit([](const auto& e) { return Fields(e); }, event);
  j["time"] = Iso(now);
  if (std::holds_alternative<BatchCommitted>(event) || std::holds_alternative<RunFinished>(event)) {
    j["progress"] = Progress(snapshot);
  }
  // Replace invalid UTF-8 (a raw API reason) instead of throwing.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

JsonRenderer::JsonRenderer(std::ostream& out, const Clock& clock) : out_(out), clock_(clock) {}

void JsonRenderer::Render(const Event& event, const ProgressModel& model) {
  bool needs_snapshot =
      std::holds_alternative<BatchCommitted>(event) || std::holds_alternative<RunFinished>(event);
  Snapshot snapshot = needs_snapshot ? model.snapshot() : Snapshot{};
  out_ << FormatJsonEvent(event, snapshot, clock_.Now()) << '\n';
  out_.flush();
}

}  // namespace gb
