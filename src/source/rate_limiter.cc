#include "source/rate_limiter.h"

#include <algorithm>

namespace gb {

RateLimiter::RateLimiter(double rps, Clock& clock, int burst) : rps_(rps), clock_(clock) {
  if (rps_ > 0) {
    interval_ = std::chrono::microseconds(static_cast<int64_t>(1e6 / rps_));
    burst_window_ = interval_ * std::max(burst - 1, 0);
  }
}

std::chrono::microseconds RateLimiter::Reserve() {
  if (rps_ <= 0) return std::chrono::microseconds(0);
  std::lock_guard lock(mu_);
  auto now = clock_.Steady();
  if (!started_) {
    next_ = now - burst_window_;
    started_ = true;
  }
  // Idle time earns at most `burst` slots back.
  auto slot = std::max(next_, now - burst_window_);
  next_ = slot + interval_;
  return std::chrono::duration_cast<std::chrono::microseconds>(std::max(slot - now, {}));
}

void RateLimiter::Acquire() {
  auto wait = Reserve();
  if (wait.count() > 0) {
    // Round up so the caller never starts before its slot.
    clock_.SleepFor(std::chrono::ceil<std::chrono::milliseconds>(wait));
  }
}

}  // namespace gb
