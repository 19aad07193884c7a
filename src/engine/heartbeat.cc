// The heartbeat thread: a beat every period, a last one saying how it ended.
#include "engine/heartbeat.h"

#include "core/memory_trim.h"

namespace gb {

Heartbeat::Heartbeat(Destination& destination, ActivityObserver& activity, Clock& clock,
                     std::mutex* serialize, WorkerBeat beat, std::chrono::milliseconds every)
    : destination_(destination),
      activity_(activity),
      clock_(clock),
      serialize_(serialize),
      beat_(std::move(beat)),
      every_(every) {}

Heartbeat::~Heartbeat() {
  if (thread_.joinable()) Stop(WorkerState::kStopping);
}

void Heartbeat::Start() {
  Beat(WorkerState::kRunning, {});
  thread_ = std::thread([this] { Loop(); });
}

void Heartbeat::Stop(WorkerState state, const WaitReason& reason) {
  {
    std::lock_guard lock(mu_);
    done_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  Beat(state, reason);
}

void Heartbeat::Loop() {
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, every_, [&] { return done_; })) {
    lock.unlock();
    const auto activity = activity_.Beat(clock_.Now());
    Beat(activity.state, activity.reason);
    ReturnFreeMemory();  // memory flat over long runs (core/memory_trim.h)
    lock.lock();
  }
}

// A failed beat is not fatal: the next one reconnects. Only a long outage
// lets the lease lapse, and then the checkpoint keeps the work safe.
void Heartbeat::Beat(WorkerState state, const WaitReason& reason) {
  std::unique_lock<std::mutex> lock;
  if (serialize_ != nullptr) lock = std::unique_lock(*serialize_);
  if (!session_) {
    auto connected = destination_.Connect();
    if (!connected) return;
    session_ = std::move(*connected);
  }
  WorkerBeat beat = beat_;
  beat.state = state;
  beat.reason = reason;
  if (!session_->Heartbeat(beat)) session_.reset();
}

}  // namespace gb
