// The run's current wait, from the events that start and end it.
#include "engine/activity_observer.h"

#include <algorithm>

namespace gb {

void ActivityObserver::On(const Event& event) {
  if (const auto* retry = std::get_if<RetryScheduled>(&event)) {
    std::lock_guard lock(mu_);
    waiting_on_ =
        RetryWait(retry->what, retry->http_status, retry->reason, retry->attempt, retry->until);
    until_ = retry->until;
  } else if (const auto* token = std::get_if<TokenRefreshed>(&event); token && !token->ok) {
    std::lock_guard lock(mu_);
    waiting_on_ = Because(WaitKind::kTokenRefreshFailed, token->message);
    until_ = std::chrono::system_clock::time_point::max();
  } else if (const auto* started = std::get_if<RunStarted>(&event)) {
    std::lock_guard lock(mu_);
    concurrency_ = started->concurrency;
    units_left_ = started->units;
  } else if (std::holds_alternative<SliceDone>(event)) {
    std::lock_guard lock(mu_);
    --units_left_;
  } else if (const auto* batch = std::get_if<BatchCommitted>(&event)) {
    std::lock_guard lock(mu_);
    waiting_on_ = {};  // progress again
    committed_ += batch->rows;
  }
  inner_.On(event);
}

ActivityObserver::Activity ActivityObserver::Current(
    std::chrono::system_clock::time_point now) const {
  std::lock_guard lock(mu_);
  if (!waiting_on_.empty() && now < until_) return {WorkerState::kWaiting, waiting_on_};
  return {WorkerState::kRunning, {}};
}

ActivityObserver::Activity ActivityObserver::Beat(std::chrono::system_clock::time_point now) {
  Activity activity = Current(now);
  if (activity.state != WorkerState::kRunning) {
    pace_.Interrupt();  // a wait has its own reason; the pace restarts after it
    return activity;
  }
  int64_t committed = 0;
  int streams = 1;
  {
    std::lock_guard lock(mu_);
    committed = committed_;
    if (concurrency_ > 0)
      streams = std::clamp(std::min(concurrency_, units_left_), 1, concurrency_);
  }
  if (auto slow = pace_.Observe(now, committed, streams)) return {WorkerState::kSlow, *slow};
  return activity;
}

}  // namespace gb
