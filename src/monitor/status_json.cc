#include "monitor/status_json.h"

#include "core/iso_time.h"
#include "monitor/exposure_text.h"
#include "monitor/i18n.h"
#include "monitor/sync_text.h"
#include "monitor/wait_reason_text.h"

namespace gb {
namespace {

using nlohmann::json;

json OptInt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json YearJson(const YearHealth& y) {
  json j = {{"year", y.year == 0 ? json(nullptr) : json(y.year)},
            {"stream", y.stream.empty() ? json(nullptr) : json(y.stream)},
            {"expected", y.expected},
            {"loaded", y.counts.loaded()},
            {"done", y.done()},
            {"percent", y.expected > 0 ? 100.0 * static_cast<double>(y.done()) /
                                             static_cast<double>(y.expected)
                                       : 100.0},
            {"inserted", y.counts.inserted},
            {"updated", y.counts.updated},
            {"unchanged", y.counts.unchanged},
            {"repaired", y.counts.repaired},
            {"unlinked", y.counts.unlinked},
            {"unlinked_by_reason",
             {{UnlinkReasonKey(UnlinkReason::kLinkedRowMissing), y.counts.unlinked}}},
            {"rejected", y.counts.rejected},
            {"skipped", y.counts.skipped},
            {"rate", y.rate},
            {"eta_s", y.eta ? json(y.eta->count()) : json(nullptr)},
            {"state", HealthStateName(y.state)},
            {"label", HealthStateLabel(y.state)},
            {"reason", y.reason}};
  return j;
}

json RunJson(const Health& h) {
  if (!h.run) return nullptr;
  const RunRow& r = *h.run;
  return {{"id", r.id},
          {"state", RunStateName(r.state)},
          {"reason", r.reason},
          {"started_at", FormatIsoUtc(r.started_at)},
          {"heartbeat_at", FormatIsoUtc(r.heartbeat_at)},
          {"finished_at", r.finished_at ? json(FormatIsoUtc(*r.finished_at)) : json(nullptr)},
          {"uptime_s", h.now - r.started_at}};
}

// A worker's reason in English, whatever the user's language: the text JSON
// has always given as `reason` (reason_label is the user's language).
std::string EnglishText(const WaitReason& reason) {
  ScopedLanguage english("en");
  return WaitReasonText(reason);
}

// The machine-readable reason: its code, "text" for an earlier version's
// sentence, null when there is none.
json OptTime(const std::optional<int64_t>& v) { return v ? json(FormatIsoUtc(*v)) : json(nullptr); }

// docs/watch-json.md, "freshness".
json FreshnessJson(const Freshness& f, int64_t now) {
  json j = {{"last_success_at", OptTime(f.last_success_at)},
            {"last_sync_at", OptTime(f.last_sync_at)},
            {"lag_s", OptInt(f.lag_s)},
            {"stream_lag_s", f.stream_lag_s},
            {"marked_missing", f.marked},
            {"stale", f.stale},
            {"stale_reason", f.stale_reason},
            {"text", FreshnessText(f, now)},
            {"schedule", nullptr}};
  if (f.schedule) {
    j["schedule"] = {{"worker_id", f.schedule->worker_id},
                     {"every_s", f.schedule->every_s},
                     {"next_sync_at", FormatIsoUtc(f.schedule->next_at)},
                     {"beat_at", FormatIsoUtc(f.schedule->beat_at)}};
  }
  return j;
}

json ReasonCode(const WaitReason& reason) {
  if (reason.kind == WaitKind::kText) return "text";
  if (reason.empty()) return nullptr;
  return WaitKindCode(reason.kind);
}

json ListsJson(const Health& h, json j) {
  j["latest"] = json::array();
  for (const auto& e : h.latest) {
    j["latest"].push_back(
        {{"external_id", e.external_id}, {"type", e.type}, {"occurred_at", e.occurred_at}});
  }
  j["workers"] = json::array();
  for (const auto& w : h.workers) {
    j["workers"].push_back({{"worker_id", w.row.worker_id},
                            {"host", w.row.host},
                            {"pid", w.row.pid},
                            {"state", WorkerStateName(w.row.state)},
                            {"reason", EnglishText(w.row.reason)},
                            {"reason_code", ReasonCode(w.row.reason)},
                            {"reason_label", WaitReasonText(w.row.reason)},
                            {"started_at", FormatIsoUtc(w.row.started_at)},
                            {"heartbeat_at", FormatIsoUtc(w.row.heartbeat_at)},
                            {"heartbeat_age_s", w.heartbeat_age},
                            {"live", w.live},
                            {"ended", w.live ? json(nullptr) : json(w.ended)}});
  }
  j["rejects_by_reason"] = json::object();
  for (const auto& [reason, n] : h.rejects_by_reason) j["rejects_by_reason"][reason] = n;
  j["exposed_tables"] = json::array();
  for (const auto& e : h.exposed) j["exposed_tables"].push_back(ExposureJson(e));
  j["freshness"] = FreshnessJson(h.freshness, h.now);
  j["history"] = json::array();
  for (const auto& p : h.history) {
    j["history"].push_back({{"time", FormatIsoUtc(p.time)}, {"done", p.done}, {"rate", p.rate}});
  }
  return j;
}

}  // namespace

json StatusJson(const Health& h) {
  json j = {{"time", FormatIsoUtc(h.now)},
            {"destination", h.destination},
            {"reachable", h.reachable},
            {"error", h.reachable ? json(nullptr) : json(h.error)},
            {"database_exists", h.database_exists},
            {"tables_exist", h.tables_exist},
            {"run", RunJson(h)},
            {"status",
             {{"state", HealthStateName(h.total.state)},
              {"label", HealthStateLabel(h.total.state)},
              {"reason", h.total.reason}}},
            {"total", YearJson(h.total)},
            {"years", json::array()},
            {"streams", json::array()},
            {"rows_estimate", OptInt(h.rows_estimate)},
            {"last_commit_age_s", OptInt(h.last_commit_age)}};
  for (const auto& y : h.years) j["years"].push_back(YearJson(y));
  for (const auto& y : h.streams) j["streams"].push_back(YearJson(y));
  return ListsJson(h, std::move(j));
}

std::string FormatStatusJson(const Health& health) {
  return StatusJson(health).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gb
