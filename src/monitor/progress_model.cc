#include "monitor/progress_model.h"

#include <algorithm>
#include <cmath>

namespace gb {
namespace {

std::optional<std::chrono::seconds> Eta(int64_t remaining, double rate) {
  if (remaining <= 0) return std::chrono::seconds(0);
  if (rate <= 0) return std::nullopt;
  return std::chrono::seconds(static_cast<int64_t>(std::ceil(remaining / rate)));
}

int64_t DoneOf(const Counts& c) { return c.loaded() + c.repaired + c.rejected; }

}  // namespace

ProgressModel::ProgressModel(const Clock& clock) : ProgressModel(clock, Options{}) {}

ProgressModel::ProgressModel(const Clock& clock, Options options)
    : clock_(clock), options_(options), rate_(options.window) {}

void ProgressModel::On(const Event& event) {
  std::lock_guard lock(mu_);
  std::visit([this](const auto& e) { Apply(e); }, event);
}

void ProgressModel::Apply(const RunStarted& e) {
  state_.started = true;
  state_.run_id = e.run_id;
  state_.worker_id = FormatWorkerId(e.worker_id);
  state_.destination = e.destination;
  state_.resumed = e.resumed;
  state_.concurrency = e.concurrency;
  state_.unit_count = e.units;
  state_.batch_size = e.batch_size;
  state_.far_round_trip_ms = e.far_round_trip.count();
  if (e.batch_size > 0) options_.batch_size = e.batch_size;
  started_at_ = clock_.Steady();
  for (int year : e.years) {
    auto& y = state_.years[year];
    y.planned = true;
    auto it = e.expected.find(year);
    y.expected = it == e.expected.end() ? 0 : it->second;
  }
  state_.expected = 0;
  for (const auto& [year, y] : state_.years) state_.expected += y.expected;
  for (const auto& [name, expected] : e.streams_expected) {
    auto& stream = state_.streams[name];
    stream.planned = true;
    stream.expected = expected;
  }
  AddCounts(e.done_before);
  state_.done_before = state_.done;
  rate_.Add(started_at_, state_.done);
  for (const auto& [year, y] : state_.years) {
    year_rates_.try_emplace(year, options_.window).first->second.Add(started_at_, y.done());
  }
}

// Adds a batch's (or a resume's) counts to the years, the totals and `done`.
void ProgressModel::AddCounts(const CountTable& table) {
  for (const auto& [key, counts] : table) {
    if (!key.timeline()) {
      state_.streams[key.type].counts += counts;
      continue;
    }
    auto& y = state_.years[key.year];
    y.counts += counts;
    state_.totals += counts;
    if (y.planned) state_.done += DoneOf(counts);
  }
}

void ProgressModel::Apply(const PageFetched& e) {
  state_.pages++;
  auto& u = state_.units[e.unit];
  u.pages++;
  u.fetched += e.rows;
}

void ProgressModel::Apply(const BatchCommitted& e) {
  AddCounts(e.counts);
  state_.batches++;
  rows_committed_ += e.rows;
  state_.units[e.unit].committed += e.rows;
  if (!e.newest_id.empty()) state_.newest_id = e.newest_id;
  std::map<int, int64_t> rows_per_year;
  for (const auto& [key, counts] : e.counts) {
    if (key.timeline()) rows_per_year[key.year] += counts.fetched();
  }
  auto top = std::max_element(rows_per_year.begin(), rows_per_year.end(),
                              [](const auto& a, const auto& b) { return a.second < b.second; });
  if (top != rows_per_year.end()) state_.current_year = top->first;
  auto now = clock_.Steady();
  rate_.Add(now, state_.done);
  for (const auto& [year, rows] : rows_per_year) {
    year_rates_.try_emplace(year, options_.window)
        .first->second.Add(now, state_.years[year].done());
  }
}

void ProgressModel::Apply(const BatchSplit&) { state_.splits++; }

void ProgressModel::Apply(const RowRejected& e) {
  (void)e;  // counted through BatchCommitted; the reasons live in the rejects table
}

void ProgressModel::Apply(const RetryScheduled& e) {
  state_.retries++;
  state_.retry_reasons[e.what + ": " + e.reason]++;
  waits_[e.what] = Wait{e.what, e.reason, e.attempt, e.until, e.http_status};
}

void ProgressModel::Apply(const TokenRefreshed& e) {
  if (e.ok) {
    state_.token_refreshes++;
  } else {
    state_.token_refresh_failures++;
    AddWarning(e.message);
  }
}

void ProgressModel::Apply(const SliceDone& e) { state_.units[e.unit].done = true; }

void ProgressModel::Apply(const Warning& e) { AddWarning(e.message); }

void ProgressModel::Apply(const UserLinksRestored& e) {
  state_.links_restored += e.restored;
  state_.links_unlinked = e.unlinked;
}

void ProgressModel::Apply(const SyncCompared& e) {
  state_.sync.compared = true;
  state_.sync.months = e.months;
  state_.sync.months_differing = e.months_differing;
  state_.sync.top = e.top;
  state_.sync.floor = e.floor;
  state_.sync.streams_swept = e.streams_swept;
  state_.sync.streams_equal = e.streams_equal;
  state_.sync.streams_new = e.streams_new;
}

void ProgressModel::Apply(const MissingMarked& e) {
  auto& [marked, restored] = state_.sync.marks[e.stream];
  marked += e.marked;
  restored += e.restored;
}

void ProgressModel::AddWarning(std::string message) {
  state_.warnings.push_back(std::move(message));
  if (state_.warnings.size() > options_.max_warnings)
    state_.warnings.erase(state_.warnings.begin());
}

void ProgressModel::Apply(const TimeSpent& e) { state_.phase_time[e.phase] += e.elapsed; }

void ProgressModel::Apply(const RunFinished& e) {
  state_.finished = true;
  state_.state = e.state;
  state_.reason = e.reason;
  state_.exit_code = e.exit_code;
  // Prefer the engine's own measure; fall back to ours when it sent none.
  state_.elapsed =
      e.elapsed.count() > 0
          ? e.elapsed
          : std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Steady() - started_at_);
  if (!e.totals.empty()) RecountFrom(e.totals);
  for (const auto& [year, n] : e.expected) {
    auto it = state_.years.find(year);
    if (it != state_.years.end() && it->second.planned) {
      state_.expected += n - it->second.expected;
      it->second.expected = n;
    }
  }
  waits_.clear();
}

// The engine's final totals are the truth (read back from the destination):
// they replace what was folded from the events.
void ProgressModel::RecountFrom(const CountTable& table) {
  for (auto& [year, y] : state_.years) y.counts = Counts{};
  for (auto& [name, stream] : state_.streams) stream.counts = Counts{};
  state_.totals = Counts{};
  state_.done = 0;
  AddCounts(table);
}

Snapshot ProgressModel::snapshot() const {
  std::lock_guard lock(mu_);
  Snapshot s = state_;
  ComputeDerived(s);
  return s;
}

void ProgressModel::ComputeDerived(Snapshot& s) const {
  s.now = clock_.Now();
  auto steady = clock_.Steady();
  if (s.started && !s.finished) {
    s.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(steady - started_at_);
  }
  s.rate = s.finished ? 0 : rate_.Rate(steady);
  s.eta = Eta(s.expected - s.done, s.rate);
  for (auto& [year, y] : s.years) {
    auto it = year_rates_.find(year);
    y.rate = s.finished || it == year_rates_.end() ? 0 : it->second.Rate(steady);
    if (y.planned) y.eta = Eta(y.expected - y.done(), y.rate);
  }
  for (const auto& [what, wait] : waits_) {
    if (wait.until > s.now) s.waits.push_back(wait);
  }
  double per_batch = options_.batch_size > 0 ? options_.batch_size
                     : s.batches > 0         ? static_cast<double>(rows_committed_) / s.batches
                                             : 0;
  int64_t remaining = std::max<int64_t>(0, s.expected - s.done);
  s.batches_estimated =
      s.batches + (per_batch > 0 ? static_cast<int64_t>(std::ceil(remaining / per_batch)) : 0);
}

}  // namespace gb
