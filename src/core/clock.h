// Time as an interface, so retries, leases, rates and stalls are testable.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

namespace gb {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall clock (for timestamps shown and stored).
  virtual std::chrono::system_clock::time_point Now() const = 0;
  // Monotonic clock (for durations and rates).
  virtual std::chrono::steady_clock::time_point Steady() const = 0;
  virtual void SleepFor(std::chrono::milliseconds d) = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override;
  std::chrono::steady_clock::time_point Steady() const override;
  void SleepFor(std::chrono::milliseconds d) override;
  static SystemClock& Instance();
};

// A clock that moves only when told to (SleepFor advances it at once).
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t epoch_seconds = 1732000000);
  std::chrono::system_clock::time_point Now() const override;
  std::chrono::steady_clock::time_point Steady() const override;
  void SleepFor(std::chrono::milliseconds d) override;
  void Advance(std::chrono::milliseconds d);
  std::chrono::milliseconds slept() const;

 private:
  mutable std::mutex mu_;
  std::chrono::milliseconds offset_{0};
  std::chrono::milliseconds slept_{0};
  std::chrono::system_clock::time_point epoch_;
};

}  // namespace gb
