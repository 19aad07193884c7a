#include "core/clock.h"

#include <thread>

namespace gb {

std::chrono::system_clock::time_point SystemClock::Now() const {
  return std::chrono::system_clock::now();
}

std::chrono::steady_clock::time_point SystemClock::Steady() const {
  return std::chrono::steady_clock::now();
}

void SystemClock::SleepFor(std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }

SystemClock& SystemClock::Instance() {
  static SystemClock clock;
  return clock;
}

FakeClock::FakeClock(int64_t epoch_seconds)
    : epoch_(std::chrono::system_clock::time_point(std::chrono::seconds(epoch_seconds))) {}

std::chrono::system_clock::time_point FakeClock::Now() const {
  std::lock_guard lock(mu_);
  return epoch_ + offset_;
}

std::chrono::steady_clock::time_point FakeClock::Steady() const {
  std::lock_guard lock(mu_);
  return std::chrono::steady_clock::time_point(offset_);
}

void FakeClock::SleepFor(std::chrono::milliseconds d) {
  std::lock_guard lock(mu_);
  offset_ += d;
  slept_ += d;
}

void FakeClock::Advance(std::chrono::milliseconds d) {
  std::lock_guard lock(mu_);
  offset_ += d;
}

std::chrono::milliseconds FakeClock::slept() const {
  std::lock_guard lock(mu_);
  return slept_;
}

}  // namespace gb
