// Reads the database every period and folds each sample into a RunHealth:
// the one loop behind `watch` (terminal, --json) and the web page of
// `watch --http` and `run --http`. Thread-safe: the web server reads
// Current() while the sampling thread (or the watch loop) calls Sample().
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "monitor/run_health.h"
#include "sink/status_reader.h"

namespace gb {

class HealthSampler {
 public:
  HealthSampler(std::unique_ptr<StatusReader> reader, HealthOptions options, const Clock& clock);
  ~HealthSampler();

  // Reads once (a failed read marks the health unreachable) and returns the result.
  Health Sample();
  Health Current() const;

  // Samples every `period` on a thread of its own until Stop() (for `run --http`).
  void StartBackground(std::chrono::milliseconds period);
  void Stop();

 private:
  std::unique_ptr<StatusReader> reader_;
  const Clock& clock_;
  std::chrono::steady_clock::time_point origin_;
  mutable std::mutex mu_;
  RunHealth health_;
  std::jthread thread_;
};

}  // namespace gb
