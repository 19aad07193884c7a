#include "monitor/run_health.h"

#include <algorithm>
#include <cmath>

#include "core/median.h"
#include "monitor/format.h"
#include "monitor/i18n.h"
#include "monitor/wait_reason_text.h"

namespace gb {
namespace {

struct Verdict {
  HealthState state = HealthState::kNotStarted;
  std::string reason;
};

bool IsActiveWorker(const WorkerRow& w) { return !IsEnded(w.state); }

// Milliseconds since the newest sign of life of the run: its own heartbeat
// (every worker's beat renews it) or a worker's that has not ended.
int64_t BeatAgeMs(const Health& h, const DbStatus& status) {
  if (!h.run) return 0;
  auto own = status.beat_age_ms.find("");
  int64_t age =
      own != status.beat_age_ms.end() ? own->second : 1000 * (status.now - h.run->heartbeat_at);
  for (const auto& w : h.workers) {
    if (IsActiveWorker(w.row)) age = std::min(age, w.heartbeat_age_ms);
  }
  return std::max<int64_t>(0, age);
}

// A worker that has not ended beat after the run's final state was stored:
// another attempt is at work, so that state is no longer the state now.
bool BeatAfterFinish(const Health& h) {
  if (!h.run->finished_at) return false;
  return std::any_of(h.workers.begin(), h.workers.end(), [&](const WorkerHealth& w) {
    return IsActiveWorker(w.row) && w.row.heartbeat_at > *h.run->finished_at;
  });
}

WorkerHealth Attempt(const WorkerRow& w, const DbStatus& status, int64_t beat_limit_ms) {
  WorkerHealth health;
  health.row = w;
  health.heartbeat_age = std::max<int64_t>(0, status.now - w.heartbeat_at);
  auto age = status.beat_age_ms.find(w.worker_id);
  health.heartbeat_age_ms = std::max<int64_t>(
      0, age != status.beat_age_ms.end() ? age->second : 1000 * health.heartbeat_age);
  const bool active = IsActiveWorker(w);
  health.live = active && health.heartbeat_age_ms <= beat_limit_ms;
  if (!health.live) health.ended = active ? "gone" : std::string(WorkerStateName(w.state));
  return health;
}

// Why the workers say they wait ("waiting on the API (429 ...) until 14:02:31 UTC").
std::string WorkerReason(const Health& h) {
  for (const auto& w : h.workers) {
    if (IsActiveWorker(w.row) && !w.row.reason.empty()) return WaitReasonText(w.row.reason);
  }
  return {};
}

// A live worker that judged itself slow against its own recent pace (the
// loader keeps the history a single sample of `watch --check` lacks).
std::optional<std::string> SlowWorkerReason(const Health& h, int64_t stall_after) {
  for (const auto& w : h.workers) {
    if (w.row.state == WorkerState::kSlow && w.heartbeat_age <= stall_after) {
      return w.row.reason.empty() ? Tr("slow") : WaitReasonText(w.row.reason);
    }
  }
  return std::nullopt;
}

bool LeaseExpired(const DbStatus& status) {
  for (const auto& u : status.units) {
    if (u.state == "running" && u.lease_expires_at && *u.lease_expires_at < status.now) {
      return true;
    }
  }
  return false;
}

std::optional<Verdict> FinalVerdict(const RunRow& run) {
  // The loader stored its reason in English: shown in the user's language.
  std::string reason = TrReason(run.reason);
  switch (run.state) {
    case RunState::kFailed:
      return Verdict{HealthState::kFailed, reason};
    case RunState::kStopped:
      return Verdict{HealthState::kStopped, reason};
    case RunState::kDone:
      return Verdict{HealthState::kDone, reason};
    case RunState::kDoneWithRejects:
      return Verdict{HealthState::kDoneWithRejects, reason};
    case RunState::kPlanned:
    case RunState::kRunning:
      return std::nullopt;
  }
  return std::nullopt;
}

int64_t LastCommit(const Health& h, const DbStatus& status) {
  int64_t last = h.run->started_at;
  if (status.last_counter_update) last = std::max(last, *status.last_counter_update);
  for (const auto& u : status.units) last = std::max(last, u.updated_at);
  return last;
}

std::vector<int> ShownYears(const HealthOptions& options, const DbStatus& status) {
  if (!options.years.empty()) return options.years;
  std::vector<int> years;
  for (const auto& [year, expected] : status.plan) years.push_back(year);
  if (years.empty()) {  // a run still planning: show what was counted so far
    for (const auto& [year, counts] : status.counters) years.push_back(year);
  }
  std::sort(years.rbegin(), years.rend());  // newest first, as the streams load them
  return years;
}

void FillYears(Health& h, const HealthOptions& options, const DbStatus& status) {
  h.total = YearHealth{};
  for (int year : ShownYears(options, status)) {
    YearHealth y;
    y.year = year;
    if (auto it = status.plan.find(year); it != status.plan.end()) y.expected = it->second;
    if (auto it = status.counters.find(year); it != status.counters.end()) y.counts = it->second;
    h.total.expected += y.expected;
    h.total.counts += y.counts;
    h.years.push_back(std::move(y));
  }
}

// The other streams, each once, in plan order (their units' order), with the
// count planned for them; counted but not planned (a run still planning)
// after them.
void FillStreams(Health& h, const DbStatus& status) {
  h.streams.clear();
  auto add = [&](const std::string& name, int64_t expected) {
    for (const auto& s : h.streams) {
      if (s.stream == name) return;
    }
    YearHealth s;
    s.stream = name;
    s.expected = expected;
    if (auto it = status.stream_counters.find(name); it != status.stream_counters.end()) {
      s.counts = it->second;
    }
    h.total.expected += s.expected;
    h.total.counts += s.counts;
    h.streams.push_back(std::move(s));
  };
  for (const auto& u : status.units) {
    if (!u.stream.empty()) add(u.stream, u.expected.value_or(0));
  }
  for (const auto& [name, counts] : status.stream_counters) add(name, 0);
}

void FillFacts(Health& h, const DbStatus& status, int64_t beat_limit_ms) {
  h.now = status.now;
  h.reachable = true;
  h.error.clear();
  h.database_exists = status.database_exists;
  h.tables_exist = status.tables_exist;
  h.runs = status.runs;
  h.run.reset();
  if (!status.runs.empty()) h.run = status.runs.front();
  h.rows_estimate = status.rows_estimate;
  h.latest = status.latest;
  h.rejects_by_reason = status.rejects_by_reason;
  h.exposed = status.exposed;
  h.workers.clear();
  for (const auto& w : status.workers) h.workers.push_back(Attempt(w, status, beat_limit_ms));
  h.beat_age_ms = BeatAgeMs(h, status);
  h.years.clear();
  h.streams.clear();
  h.last_commit_age.reset();
}

std::optional<std::chrono::seconds> Eta(const YearHealth& y) {
  if (y.rate <= 0 || y.done() >= y.expected) return std::nullopt;
  return std::chrono::seconds(
      static_cast<int64_t>(std::ceil(static_cast<double>(y.expected - y.done()) / y.rate)));
}

Verdict YearVerdict(const YearHealth& y, const Verdict& run, bool has_run) {
  if (!has_run) return run;
  if (y.done() >= y.expected) {
    if (y.counts.rejected > 0) {
      return {HealthState::kDoneWithRejects,
              TrFormat("{} rejected", FormatCount(y.counts.rejected))};
    }
    return {HealthState::kDone, ""};
  }
  switch (run.state) {
    case HealthState::kDone:
    case HealthState::kDoneWithRejects:
      return {run.state, TrFormat("{} fewer than planned", FormatCount(y.expected - y.done()))};
    case HealthState::kRunning:
    case HealthState::kSlow:
      if (y.done() == 0) return {HealthState::kNotStarted, Tr("queued")};
      return run;
    default:
      return run;
  }
}

}  // namespace

std::string_view HealthStateName(HealthState state) {
  switch (state) {
    case HealthState::kNotStarted:
      return "not_started";
    case HealthState::kRunning:
      return "running";
    case HealthState::kSlow:
      return "slow";
    case HealthState::kStalled:
      return "stalled";
    case HealthState::kStopped:
      return "stopped";
    case HealthState::kDone:
      return "done";
    case HealthState::kDoneWithRejects:
      return "done_with_rejects";
    case HealthState::kFailed:
      return "failed";
    case HealthState::kUnreachable:
      return "unreachable";
  }
  return "unknown";
}

std::string HealthStateLabel(HealthState state) {
  switch (state) {
    case HealthState::kNotStarted:
      return Tr("not started");
    case HealthState::kRunning:
      return Tr("running");
    case HealthState::kSlow:
      return Tr("slow");
    case HealthState::kStalled:
      return Tr("stalled");
    case HealthState::kStopped:
      return Tr("stopped");
    case HealthState::kDone:
      return Tr("done");
    case HealthState::kDoneWithRejects:
      return Tr("done with rejects");
    case HealthState::kFailed:
      return Tr("failed");
    case HealthState::kUnreachable:
      return Tr("database unreachable");
  }
  return Tr("unknown");
}

RunHealth::RunHealth(HealthOptions options) : options_(std::move(options)) {}

int64_t RunHealth::StallAfter() const {
  // Two intervals, but never less than two heartbeats plus the one-second
  // resolution of stored timestamps (a fast --interval must not cry wolf).
  return std::max<int64_t>(2 * options_.interval.count(),
                           2 * options_.heartbeat_period.count() + 1);
}

int64_t RunHealth::BeatLimitMs() const {
  return 2 *
         std::chrono::duration_cast<std::chrono::milliseconds>(options_.heartbeat_period).count();
}

double RunHealth::Rate(double now, int year) const {
  return RateOf(now, [year](const Sample& s) -> int64_t {
    if (year == 0) return s.done;
    auto it = s.year_done.find(year);
    return it == s.year_done.end() ? 0 : it->second;
  });
}

double RunHealth::StreamRate(double now, const std::string& stream) const {
  return RateOf(now, [&stream](const Sample& s) -> int64_t {
    auto it = s.stream_done.find(stream);
    return it == s.stream_done.end() ? 0 : it->second;
  });
}

double RunHealth::RateOf(double now, const std::function<int64_t(const Sample&)>& done) const {
  if (samples_.empty()) return 0;
  const Sample& last = samples_.back();
  const Sample* first = nullptr;
  for (const auto& s : samples_) {
    if (s.t >= now - static_cast<double>(options_.rate_window.count())) {
      first = &s;
      break;
    }
  }
  if (first == nullptr || last.t - first->t < 0.5) return 0;
  return std::max(0.0, static_cast<double>(done(last) - done(*first)) / (last.t - first->t));
}

bool RunHealth::IsSlow(double rate) const {
  if (rates_.size() < options_.slow_min_samples) return false;
  std::vector<double> values;
  for (const auto& [t, r] : rates_) values.push_back(r);
  double median = Median(std::move(values));
  return median > 0 && rate < options_.slow_fraction * median;
}

void RunHealth::Record(double t, const Health& h) {
  Sample s{t, h.total.done(), {}, {}};
  for (const auto& y : h.years) s.year_done[y.year] = y.done();
  for (const auto& y : h.streams) s.stream_done[y.stream] = y.done();
  samples_.push_back(std::move(s));
  double keep = static_cast<double>(options_.rate_window.count());
  while (samples_.size() > 2 && samples_[1].t < t - keep) samples_.pop_front();
}

void RunHealth::Add(double t, const DbStatus& status, const std::string& destination) {
  Health& h = health_;
  if (!destination.empty()) h.destination = destination;
  FillFacts(h, status, BeatLimitMs());
  int64_t run_id = h.run ? h.run->id : 0;
  if (run_id != run_id_) {  // another run: its history is not ours
    samples_.clear();
    rates_.clear();
    h.history.clear();
    run_id_ = run_id;
  }
  FillYears(h, options_, status);
  FillStreams(h, status);
  h.freshness = FreshnessOf(status, options_.freshness);
  Record(t, h);
  if (h.run) h.last_commit_age = std::max<int64_t>(0, status.now - LastCommit(h, status));
  h.total.rate = Rate(t, 0);
  for (auto& y : h.years) y.rate = Rate(t, y.year);
  for (auto& y : h.streams) y.rate = StreamRate(t, y.stream);
  Derive(h);
  // "slow" compares with the rates seen before, so this one is recorded after.
  rates_.emplace_back(t, h.total.rate);
  double keep = static_cast<double>(options_.slow_history.count());
  while (!rates_.empty() && rates_.front().first < t - keep) rates_.pop_front();
  if (LeaseExpired(status) && h.total.state == HealthState::kStalled) {
    h.total.reason = TrFormat("process gone (no heartbeat for {})",
                              FormatDuration(std::chrono::seconds(h.beat_age_ms / 1000)));
    for (auto* part : {&h.years, &h.streams}) {
      for (auto& y : *part) {
        if (y.state == HealthState::kStalled) y.reason = h.total.reason;
      }
    }
  }
  h.history.push_back(ChartPoint{status.now, h.total.done(), h.total.rate});
  if (h.history.size() > options_.max_history) h.history.erase(h.history.begin());
}

void RunHealth::Derive(Health& h) const {
  Verdict run;
  if (!h.database_exists || !h.tables_exist || !h.run) {
    run = {HealthState::kNotStarted, !h.database_exists ? Tr("no database yet")
                                     : !h.tables_exist  ? Tr("no run yet (no bookkeeping tables)")
                                                        : Tr("no run yet")};
  } else if (auto final = FinalVerdict(*h.run); final && !BeatAfterFinish(h)) {
    run = *final;
  } else if (h.beat_age_ms > BeatLimitMs()) {
    run = {HealthState::kStalled,
           TrFormat("no heartbeat for {}",
                    FormatDuration(std::chrono::seconds(h.beat_age_ms / 1000)))};
  } else if (h.last_commit_age && *h.last_commit_age > StallAfter()) {
    std::string why = WorkerReason(h);
    run = {HealthState::kStalled,
           why.empty() ? TrFormat("no commit for {}",
                                  FormatDuration(std::chrono::seconds(*h.last_commit_age)))
                       : why};
  } else if (auto slow = SlowWorkerReason(h, StallAfter())) {
    run = {HealthState::kSlow, *slow};
  } else if (IsSlow(h.total.rate)) {
    run = {HealthState::kSlow, TrFormat("{} below its recent pace", FormatRate(h.total.rate))};
  } else {
    run = {HealthState::kRunning, WorkerReason(h)};
  }
  for (auto* part : {&h.years, &h.streams}) {
    for (auto& y : *part) {
      Verdict v = YearVerdict(y, run, h.run.has_value());
      y.state = v.state;
      y.reason = std::move(v.reason);
      y.eta = Eta(y);
    }
  }
  h.total.state = run.state;
  h.total.reason = run.reason;
  h.total.eta = Eta(h.total);
}

void RunHealth::AddFailure(double t, const Error& error, const std::string& destination) {
  (void)t;  // the rates keep their last samples: a short outage does not reset them
  if (!destination.empty()) health_.destination = destination;
  health_.reachable = false;
  health_.error = error.message;
  health_.total.state = HealthState::kUnreachable;
  health_.total.reason = TrFormat("database unreachable: {}", error.message);
}

}  // namespace gb
