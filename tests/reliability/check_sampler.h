// `watch --check` sampled every second on a thread of its own, as a cron job
// or an alerting probe would, while the test kills and restarts the loader:
// each sample is the time the check started (seconds on the test's clock),
// its exit code and its line, so the test can say what watch said and how
// soon after each fault.
//
// Header-only: tests/CMakeLists.txt builds only tests/<dir>/*_test.cc.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "integration/loader_watch.h"

namespace gb::test {

struct CheckSample {
  double t = 0;  // when the check started
  int code = -1;
  std::string line;
  double t_end = 0;  // when it answered (what it read was committed in between)
};

class CheckSampler {
 public:
  using Clock = std::chrono::steady_clock;

  CheckSampler(std::string db_url, std::string cwd)
      : db_url_(std::move(db_url)), cwd_(std::move(cwd)), origin_(Clock::now()) {
    thread_ = std::thread([this] { Loop(); });
  }
  ~CheckSampler() { Stop(); }
  CheckSampler(const CheckSampler&) = delete;
  CheckSampler& operator=(const CheckSampler&) = delete;

  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

  double Now() const { return std::chrono::duration<double>(Clock::now() - origin_).count(); }

  std::vector<CheckSample> Samples() const {
    std::lock_guard lock(mu_);
    return samples_;
  }

  // The first sample started at or after `from` that `pred` accepts.
  template <class Pred>
  std::optional<CheckSample> First(double from, Pred pred) const {
    std::lock_guard lock(mu_);
    for (const CheckSample& s : samples_) {
      if (s.t >= from && pred(s)) return s;
    }
    return std::nullopt;
  }

  // Waits (up to `limit` seconds) for such a sample.
  template <class Pred>
  std::optional<CheckSample> WaitFor(double from, Pred pred, double limit) const {
    const double end = Now() + limit;
    while (Now() < end) {
      if (auto s = First(from, pred)) return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return First(from, pred);
  }

 private:
  void Loop() {
    double next = 0;
    while (!stop_) {
      const double now = Now();
      if (now < next) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        continue;
      }
      next = now + 1.0;
      ChildExit check = WatchCheck(db_url_, cwd_);
      std::lock_guard lock(mu_);
      samples_.push_back(
          {now, check.exit_code, check.output.substr(0, check.output.find('\n')), Now()});
    }
  }

  std::string db_url_, cwd_;
  Clock::time_point origin_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::vector<CheckSample> samples_;
  std::thread thread_;
};

}  // namespace gb::test
