// Entries per second over a sliding window: the rate of the last few seconds,
// not the average since the start, so a stall shows at once and a resumed run
// is not flattered by rows committed earlier. Not thread-safe (its owner locks).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <utility>

namespace gb {

class RateWindow {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit RateWindow(std::chrono::milliseconds window = std::chrono::seconds(10));

  // Records that the cumulative count reached `total` at `t` (t never goes back).
  void Add(TimePoint t, int64_t total);

  // Entries per second between the oldest sample still in the window and `now`.
  // 0 while the samples span less than half a second (too little to tell).
  double Rate(TimePoint now) const;

 private:
  std::chrono::milliseconds window_;
  std::deque<std::pair<TimePoint, int64_t>> samples_;
};

}  // namespace gb
