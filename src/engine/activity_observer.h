// Forwards every event and remembers what the run is waiting on, so the
// heartbeat can tell `watch` the reason ("waiting on 429 Too Many Requests
// until 14:02:31 UTC"). The source reports its retries as events too: cli
// should give the same ActivityObserver to the source and to RunBackfill
// (RunBackfill reuses an ActivityObserver it is given, else wraps its own).
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "core/events.h"

namespace gb {

class ActivityObserver final : public Observer {
 public:
  explicit ActivityObserver(Observer& inner) : inner_(inner) {}
  void On(const Event& event) override;

  struct Activity {
    std::string state;  // running | waiting
    std::string reason;
  };
  Activity Current(std::chrono::system_clock::time_point now) const;

 private:
  Observer& inner_;
  mutable std::mutex mu_;
  std::string waiting_on_;
  std::chrono::system_clock::time_point until_{};
};

}  // namespace gb
