// What a worker says it is doing, in its heartbeat; and the state of a run as
// the runs table keeps it. Enums in the code; the words stored in the
// database (and given in JSON) are the same as ever, mapped in one place.
#pragma once

#include <optional>
#include <string_view>

namespace gb {

enum class WorkerState {
  kRunning,
  kWaiting,   // on a retry or a token refresh (its WaitReason says which)
  kSlow,      // below its own recent pace
  kStopping,  // ending without having said how
  kStopped,   // on request, or the source kept changing: resumable
  kDone,
  kFailed,
};

// "running", "waiting", "slow", "stopping", "stopped", "done", "failed".
std::string_view WorkerStateName(WorkerState state);
std::optional<WorkerState> ParseWorkerState(std::string_view name);

// Done, failed or stopped: the worker will not beat again.
bool IsEnded(WorkerState state);

enum class RunState {
  kPlanned,
  kRunning,
  kDone,
  kDoneWithRejects,
  kStopped,
  kFailed,
};

// "planned", "running", "done", "done_with_rejects", "stopped", "failed".
std::string_view RunStateName(RunState state);
std::optional<RunState> ParseRunState(std::string_view name);

// Done or done with rejects: nothing left to load.
inline bool IsFinished(RunState state) {
  return state == RunState::kDone || state == RunState::kDoneWithRejects;
}

}  // namespace gb
