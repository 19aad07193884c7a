// Whether the run is slow against its own recent pace. `watch --check` reads
// one sample and has no history of its own, so the loader, which sees every
// commit, judges itself and says so in its heartbeat (state "slow").
// The same rule as watch's (monitor/run_health.h): the rate over the last
// `window` is under `fraction` of the median of the rates of the last
// `history`, once `min_samples` rates were seen. A wait (429, token refresh,
// database) interrupts the pace: the window restarts after it, so a rate
// dragged down by the wait is never called slow.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <utility>

#include "core/wait_reason.h"

namespace gb {

struct PaceOptions {
  std::chrono::seconds window{30};
  std::chrono::seconds history{300};
  double fraction = 0.3;
  size_t min_samples = 5;
};

class PaceJudge {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  explicit PaceJudge(PaceOptions options = {}) : options_(options) {}

  // The rows committed so far at `now` (never going back), by `streams`
  // streams still at work: the pace is judged per stream, so the end of a run,
  // where streams run out of units one by one, is not slow. Returns the
  // reason when the pace is slow (WaitKind::kSlow with the rate, 312 entries/s,
  // and the recent pace, 1450 entries/s; put into words by monitor/), else none.
  std::optional<WaitReason> Observe(TimePoint now, int64_t committed, int streams = 1);
  void Interrupt() { points_.clear(); }

 private:
  PaceOptions options_;
  std::deque<std::pair<TimePoint, int64_t>> points_;  // (time, committed) over the window
  std::deque<std::pair<TimePoint, double>> rates_;    // (time, window rate) over the history
};

}  // namespace gb
