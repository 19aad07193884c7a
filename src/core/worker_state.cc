// The stored words of worker and run states: one table each, read both ways.
#include "core/worker_state.h"

#include <array>
#include <utility>

namespace gb {
namespace {

constexpr std::array<std::pair<WorkerState, std::string_view>, 7> kWorkerStates = {{
    {WorkerState::kRunning, "running"},
    {WorkerState::kWaiting, "waiting"},
    {WorkerState::kSlow, "slow"},
    {WorkerState::kStopping, "stopping"},
    {WorkerState::kStopped, "stopped"},
    {WorkerState::kDone, "done"},
    {WorkerState::kFailed, "failed"},
}};

constexpr std::array<std::pair<RunState, std::string_view>, 6> kRunStates = {{
    {RunState::kPlanned, "planned"},
    {RunState::kRunning, "running"},
    {RunState::kDone, "done"},
    {RunState::kDoneWithRejects, "done_with_rejects"},
    {RunState::kStopped, "stopped"},
    {RunState::kFailed, "failed"},
}};

template <class E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "unknown";
}

template <class E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view name) {
  for (const auto& [e, n] : table) {
    if (n == name) return e;
  }
  return std::nullopt;
}

}  // namespace

std::string_view WorkerStateName(WorkerState state) { return NameOf(kWorkerStates, state); }

std::optional<WorkerState> ParseWorkerState(std::string_view name) {
  return Parse(kWorkerStates, name);
}

bool IsEnded(WorkerState state) {
  return state == WorkerState::kDone || state == WorkerState::kFailed ||
         state == WorkerState::kStopped;
}

std::string_view RunStateName(RunState state) { return NameOf(kRunStates, state); }

std::optional<RunState> ParseRunState(std::string_view name) { return Parse(kRunStates, name); }

}  // namespace gb
