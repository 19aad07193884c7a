#include "source/rate_limiter.h"

#include <algorithm>

namespace gb {

RateLimiter::RateLimiter(double rps, Clock& clock, int burst)
    : ceiling_(std::max(rps, 0.0)), rps_(0), clock_(clock), burst_(std::max(burst, 1)) {
  SetRate(ceiling_);
}

void RateLimiter::SetRate(double rps) {
  rps_ = rps;
  if (rps_ > 0) {
    interval_ = std::chrono::microseconds(static_cast<int64_t>(1e6 / rps_));
    burst_window_ = interval_ * (burst_ - 1);
  }
}

double RateLimiter::rps() const {
  std::lock_guard lock(mu_);
  return rps_;
}

std::chrono::microseconds RateLimiter::Reserve() {
  std::lock_guard lock(mu_);
  if (rps_ <= 0) return std::chrono::microseconds(0);
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

void RateLimiter::OnAnswer(bool rate_limited) {
  std::lock_guard lock(mu_);
  const auto now = clock_.Steady();
  const auto second = std::chrono::seconds(1);
  while (!answered_.empty() && now - answered_.front() >= second) answered_.pop_front();
  if (!rate_limited) {
    answered_.push_back(now);
    if (cut_) {
      const double raised = rps_ + kRise / rps_;
      SetRate(ceiling_ > 0 ? std::min(ceiling_, raised) : raised);
    }
    return;
  }
  if (cut_ && now - last_cut_ < second) return;  // the same burst of 429s
  // Unlimited so far: what went through in the last second (at least 1/s).
  const double base = rps_ > 0 ? rps_ : std::max(1.0, static_cast<double>(answered_.size()));
  cut_ = true;
  last_cut_ = now;
  if (!started_) {  // the pace starts now (it was unlimited)
    next_ = now;
    started_ = true;
  }
  SetRate(std::max(kLowest, 0.9 * base));
}

}  // namespace gb
