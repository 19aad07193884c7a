#include "monitor/run_health_sampler.h"

#include <condition_variable>

#include "monitor/i18n.h"

namespace gb {

HealthSampler::HealthSampler(std::unique_ptr<StatusReader> reader, HealthOptions options,
                             const Clock& clock)
    : reader_(std::move(reader)),
      clock_(clock),
      origin_(clock.Steady()),
      health_(options),
      other_language_(CurrentLocale().language == "fr" ? "en" : "fr"),
      other_(options) {}

HealthSampler::~HealthSampler() { Stop(); }

Health HealthSampler::Sample() {
  auto status = reader_->Read();  // outside the lock: the page keeps answering meanwhile
  double t = std::chrono::duration<double>(clock_.Steady() - origin_).count();
  std::lock_guard lock(mu_);
  auto fold = [&](RunHealth& health) {
    if (status) {
      health.Add(t, *status, reader_->Describe());
    } else {
      health.AddFailure(t, status.error(), reader_->Describe());
    }
  };
  fold(health_);
  {
    ScopedLanguage other(other_language_);
    fold(other_);
  }
  return health_.Current();
}

Health HealthSampler::Current() const {
  std::lock_guard lock(mu_);
  return CurrentLocale().language == other_language_ ? other_.Current() : health_.Current();
}

void HealthSampler::StartBackground(std::chrono::milliseconds period) {
  thread_ = std::jthread([this, period](std::stop_token stop) {
    std::mutex m;
    std::condition_variable_any cv;
    while (!stop.stop_requested()) {
      Sample();
      std::unique_lock lock(m);
      cv.wait_for(lock, stop, period, [] { return false; });
    }
  });
}

void HealthSampler::Stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
}

}  // namespace gb
