// Retries inside one source call: exponential backoff with full jitter for
// what a retry may cure (5xx, timeouts, lost connections, cut-off bodies),
// Retry-After for 429. Every wait is announced as a RetryScheduled event and
// slept through the Clock, so tests run instantly on a FakeClock.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"
#include "core/events.h"

namespace gb {

struct RetryPolicy {
  int max_attempts = 8;                // per call, for transient failures
  int max_rate_limited_attempts = 60;  // 429s say when to come back: a larger budget
  std::chrono::milliseconds base_delay{500};
  std::chrono::milliseconds max_delay{30'000};
  std::chrono::milliseconds max_retry_after{300'000};  // a longer Retry-After is capped
};

// The upper bound of the full-jitter delay before retry number `attempt`
// (1-based): min(max_delay, base_delay * 2^(attempt-1)).
std::chrono::milliseconds BackoffCeiling(const RetryPolicy& policy, int attempt);

// Retry-After as delta-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2015
// 07:28:00 GMT"), relative to `now`; none when unreadable. Never negative.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now);

class Retrier {
 public:
  Retrier(RetryPolicy policy, Clock& clock, Observer& observer, std::string what = "api",
          uint64_t seed = std::random_device{}());

  // Calls `attempt` until it succeeds, fails with a kind that is not
  // retryable, or the budget is spent (then the last error, saying so).
  template <class T>
  Result<T> Run(const std::function<Result<T>()>& attempt) {
    int transient = 0, limited = 0;
    for (;;) {
      Result<T> result = attempt();
      if (result || !IsRetryable(result.error().kind)) return result;
      if (!WaitBeforeRetry(&result.error(), &transient, &limited)) return result;
    }
  }

  const RetryPolicy& policy() const { return policy_; }

 private:
  // Sleeps before the next attempt; false (and `error` amended) when the
  // budget for this kind of failure is spent.
  bool WaitBeforeRetry(Error* error, int* transient, int* limited);
  std::chrono::milliseconds Jitter(std::chrono::milliseconds ceiling);

  RetryPolicy policy_;
  Clock& clock_;
  Observer& observer_;
  std::string what_;
  std::mutex mu_;
  std::mt19937_64 rng_;
};

}  // namespace gb
