// What `watch` concludes from successive DbStatus samples: per year and
// overall, loaded / expected / % / rate over a sliding window / ETA, and a
// status with its reason. Pure (no clock, no I/O): the caller passes the
// monotonic time of each sample, so every status is testable with made-up
// samples.
//
// Status rules (the run's state and heartbeats come from the loader). The
// state is the state now: heartbeats are judged first, the stored state after.
//  - failed / stopped / done / done with rejects: the run's stored final state,
//    unless a worker that has not ended beat after it was stored (another
//    attempt is at work: then its heartbeats decide). A resumed run is stored
//    running again; why earlier attempts ended stays in their workers' rows,
//    shown as the run's history.
//  - stalled: no heartbeat (run or any worker) for longer than two heartbeat
//    periods, measured in milliseconds on the database's clock, so a killed
//    loader shows within two heartbeats — "process gone" once a held unit's
//    lease expired; or no commit for `StallAfter()` (two intervals, never less
//    than two heartbeats), with the workers' reason when they wait ("waiting on
//    429 until 14:02:31") else "no commit for N s".
//  - slow: a live worker says so (it judges its own pace, see engine/pace_judge.h:
//    a single sample, as `watch --check` reads, has no history), or the current
//    rate is under `slow_fraction` of the run's own median rate over
//    `slow_history` (relative, never a fixed threshold).
//  - not started: no run yet, or a year the streams have not reached.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "monitor/sync_freshness.h"
#include "sink/status_reader.h"

namespace gb {

enum class HealthState {
  kNotStarted,
  kRunning,
  kSlow,
  kStalled,
  kStopped,
  kDone,
  kDoneWithRejects,
  kFailed,
  kUnreachable,  // watch cannot read the database
};

// Stable machine name ("not_started", "done_with_rejects", ...) for JSON and metrics.
std::string_view HealthStateName(HealthState state);
// Translated label ("not started", "done with rejects", ...).
std::string HealthStateLabel(HealthState state);

struct YearHealth {
  int year = 0;        // 0 for the total and for a stream
  std::string stream;  // one of the other streams (streams/stream.h), by name
  int64_t expected = 0;
  Counts counts;
  double rate = 0;  // entries/s over the sliding window
  std::optional<std::chrono::seconds> eta;
  HealthState state = HealthState::kNotStarted;
  std::string reason;

  int64_t done() const { return counts.loaded() + counts.repaired + counts.rejected; }
};

// One loader process of the run: an attempt, live or ended.
struct WorkerHealth {
  WorkerRow row;
  int64_t heartbeat_age = 0;  // seconds
  int64_t heartbeat_age_ms = 0;
  bool live = false;  // not ended, and beating within two heartbeat periods
  // How it ended, when it is not live: its last state (done, stopped, failed),
  // or "gone" when it stopped beating without a word (killed, crashed, cut off).
  std::string ended;
};

struct ChartPoint {
  int64_t time = 0;  // epoch seconds (database clock)
  int64_t done = 0;  // cumulative, all shown years
  double rate = 0;
};

struct Health {
  std::string destination;
  int64_t now = 0;  // database clock, epoch seconds
  bool reachable = true;
  std::string error;  // why the database could not be read
  bool database_exists = true;
  bool tables_exist = false;
  std::optional<RunRow> run;  // the newest run
  std::vector<RunRow> runs;
  YearHealth total;  // every stream of the run: the timeline's years and the others
  std::vector<YearHealth> years;
  std::vector<YearHealth> streams;  // the other streams, in plan order
  std::optional<int64_t> last_commit_age;
  int64_t beat_age_ms = 0;  // since the newest heartbeat of the run or a live worker
  std::optional<int64_t> rows_estimate;
  std::vector<EntryRow> latest;
  std::vector<WorkerHealth> workers;
  std::map<std::string, int64_t> rejects_by_reason;
  std::vector<ChartPoint> history;
  std::vector<TableExposure> exposed;  // the tool's tables open to the API roles
  Freshness freshness;                 // how current the destination is (sync)
};

struct HealthOptions {
  std::chrono::seconds interval{3};
  std::vector<int> years;  // empty = every planned year
  std::chrono::seconds rate_window{30};
  std::chrono::seconds slow_history{300};
  double slow_fraction = 0.3;
  size_t slow_min_samples = 5;  // rates needed before "slow" can be judged
  std::chrono::seconds heartbeat_period{2};
  size_t max_history = 600;  // chart points kept
  FreshnessOptions freshness;
};

class RunHealth {
 public:
  explicit RunHealth(HealthOptions options = {});

  // A sample read at monotonic time `t` (seconds, any origin, never going back).
  void Add(double t, const DbStatus& status, const std::string& destination = {});
  // The database could not be read at `t`: the last numbers stay, marked unreachable.
  void AddFailure(double t, const Error& error, const std::string& destination = {});

  Health Current() const { return health_; }
  // A commit older than this (seconds) means stalled.
  int64_t StallAfter() const;
  // A heartbeat older than this (milliseconds) means stalled: two heartbeats.
  int64_t BeatLimitMs() const;

 private:
  struct Sample {
    double t = 0;
    int64_t done = 0;
    std::map<int, int64_t> year_done;
    std::map<std::string, int64_t> stream_done;
  };

  void Record(double t, const Health& h);
  double Rate(double now, int year) const;  // year 0 = total
  double StreamRate(double now, const std::string& stream) const;
  double RateOf(double now, const std::function<int64_t(const Sample&)>& done) const;
  bool IsSlow(double rate) const;
  void Derive(Health& h) const;

  HealthOptions options_;
  Health health_;
  int64_t run_id_ = 0;
  std::deque<Sample> samples_;
  std::deque<std::pair<double, double>> rates_;  // (t, total rate) for "slow"
};

}  // namespace gb
