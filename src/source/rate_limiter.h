// A requests-per-second budget shared by every stream, so many concurrent
// streams never exceed what the API owner allows. Token bucket kept as "the
// next free slot" (GCRA): thread-safe, fair in arrival order, allowing a
// burst of up to `burst` requests after idling.
//
// The pace adapts to the API: the first 429 sets it to what the API let
// through in the last second, less 10% (each later 429 takes 10% off, once a
// second at most, as one burst of 429s is one signal); answers without a 429
// raise it by kRise requests/s per second of them (kRise / pace per answer). So the streams share
// the API's budget instead of each running into 429s and sitting out their Retry-After (a stream
// waiting 1 s on a 10-requests/s API loses 10 requests' worth). --max-rps stays the ceiling.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>

#include "core/clock.h"

namespace gb {

class RateLimiter {
 public:
  static constexpr double kRise = 0.2;    // requests/s added back per second of answers
  static constexpr double kLowest = 0.2;  // never slower than one request per 5 s

  // rps <= 0: unlimited until the API answers 429.
  RateLimiter(double rps, Clock& clock, int burst = 1);

  // Waits (through the clock) until this caller may send one request.
  void Acquire();

  // How long Acquire would make the next caller wait (for tests and status).
  std::chrono::microseconds Reserve();

  // The API's answer to a request: 429 (`rate_limited`) or anything else.
  void OnAnswer(bool rate_limited);

  // The current pace (0: unlimited).
  double rps() const;

 private:
  void SetRate(double rps);  // with mu_ held

  const double ceiling_;  // --max-rps, 0 = none
  double rps_;
  Clock& clock_;
  const int burst_;
  std::chrono::microseconds interval_{0};
  std::chrono::microseconds burst_window_{0};
  mutable std::mutex mu_;
  std::chrono::steady_clock::time_point next_{};
  bool started_ = false;
  std::deque<std::chrono::steady_clock::time_point> answered_;  // in the last second
  std::chrono::steady_clock::time_point last_cut_{};
  bool cut_ = false;
};

}  // namespace gb
