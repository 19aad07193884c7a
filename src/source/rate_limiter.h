// A requests-per-second budget shared by every stream (--max-rps), so many
// concurrent streams never exceed what the API owner allows. Token bucket
// kept as "the next free slot" (GCRA): thread-safe, fair in arrival order,
// allowing a burst of up to `burst` requests after idling.
#pragma once

#include <chrono>
#include <mutex>

#include "core/clock.h"

namespace gb {

class RateLimiter {
 public:
  // rps <= 0: unlimited (Acquire never waits).
  RateLimiter(double rps, Clock& clock, int burst = 1);

  // Waits (through the clock) until this caller may send one request.
  void Acquire();

  // How long Acquire would make the next caller wait (for tests and status).
  std::chrono::microseconds Reserve();

  double rps() const { return rps_; }

 private:
  double rps_;
  Clock& clock_;
  std::chrono::microseconds interval_{0};
  std::chrono::microseconds burst_window_{0};
  std::mutex mu_;
  std::chrono::steady_clock::time_point next_{};
  bool started_ = false;
};

}  // namespace gb
