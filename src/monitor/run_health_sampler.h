// Reads the database every period and folds each sample into a RunHealth:
// the one loop behind `watch` (terminal, --json) and the web page of
// `watch --http` and `run --http`. Thread-safe: the web server reads
// Current() while the sampling thread (or the watch loop) calls Sample().
// Its texts (states, reasons, numbers) exist in the process's language and in
// the other one, folded from the same samples: the web page answers each
// browser in its language (Current() under a ScopedLanguage, see i18n.h).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
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
  // In the current thread's language (CurrentLocale()).
  Health Current() const;

  // Samples every `period` on a thread of its own until Stop() (for `run --http`).
  void StartBackground(std::chrono::milliseconds period);
  void Stop();

 private:
  std::unique_ptr<StatusReader> reader_;
  const Clock& clock_;
  std::chrono::steady_clock::time_point origin_;
  mutable std::mutex mu_;
  RunHealth health_;  // in the process's language
  std::string other_language_;
  RunHealth other_;  // the same, in other_language_
  std::jthread thread_;
};

}  // namespace gb
