// A worker's pulse in the destination: every `every`, what it is doing and
// why (from the ActivityObserver), which also renews the leases of the units
// it holds. A process that dies stops beating; its leases expire and another
// worker takes its units over from their committed checkpoints.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "engine/activity_observer.h"
#include "sink/destination.h"

namespace gb {

class Heartbeat {
 public:
  Heartbeat(Destination& destination, ActivityObserver& activity, Clock& clock,
            std::mutex* serialize, WorkerBeat beat, std::chrono::milliseconds every);
  ~Heartbeat();

  void Start();
  // Stops the thread and records the worker's final state.
  void Stop(WorkerState state, const WaitReason& reason = {});

 private:
  void Loop();
  void Beat(WorkerState state, const WaitReason& reason);

  Destination& destination_;
  ActivityObserver& activity_;
  Clock& clock_;
  std::mutex* serialize_;
  WorkerBeat beat_;
  std::chrono::milliseconds every_;
  std::unique_ptr<Session> session_;  // its own connection: sessions are single-threaded
  std::mutex mu_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace gb
