// Collects events for assertions (thread-safe, like every Observer).
#pragma once

#include <mutex>
#include <vector>

#include "core/events.h"

namespace gb::testing {

class RecordingObserver final : public Observer {
 public:
  void On(const Event& event) override {
    std::lock_guard lock(mu_);
    events_.push_back(event);
  }

  template <class T>
  std::vector<T> Of() const {
    std::lock_guard lock(mu_);
    std::vector<T> out;
    for (const auto& e : events_) {
      if (auto* p = std::get_if<T>(&e)) out.push_back(*p);
    }
    return out;
  }

 private:
  mutable std::mutex mu_;
  std::vector<Event> events_;
};

}  // namespace gb::testing
