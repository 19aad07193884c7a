// Forwards every event and remembers what the run is waiting on, so the
// heartbeat can tell `watch` the reason (a WaitReason: rate limited until
// 14:02:31, a token refresh that failed). The source reports its retries as
// events too: cli should give the same ActivityObserver to the source and to
// RunBackfill (RunBackfill reuses an ActivityObserver it is given, else wraps
// its own). It also counts the committed rows, so each heartbeat can say
// whether the run is slow against its own recent pace (PaceJudge).
#pragma once

#include <chrono>
#include <mutex>

#include "core/events.h"
#include "core/wait_reason.h"
#include "core/worker_state.h"
#include "engine/pace_judge.h"

namespace gb {

class ActivityObserver final : public Observer {
 public:
  explicit ActivityObserver(Observer& inner, PaceOptions pace = {}) : inner_(inner), pace_(pace) {}
  void On(const Event& event) override;

  struct Activity {
    WorkerState state = WorkerState::kRunning;  // running | waiting | slow
    WaitReason reason;
  };
  // running or waiting, with the reason.
  Activity Current(std::chrono::system_clock::time_point now) const;
  // What one heartbeat at `now` reports: Current(), or slow with its reason
  // when running under the run's recent pace. Called by one thread (the heartbeat's).
  Activity Beat(std::chrono::system_clock::time_point now);

 private:
  Observer& inner_;
  mutable std::mutex mu_;
  WaitReason waiting_on_;
  std::chrono::system_clock::time_point until_{};
  int64_t committed_ = 0;  // rows, all outcomes
  int concurrency_ = 0;    // of the run (RunStarted)
  int units_left_ = 0;     // this process's units not done yet (SliceDone)
  PaceJudge pace_;         // the heartbeat thread's only
};

}  // namespace gb
