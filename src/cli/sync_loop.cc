#include "cli/sync_loop.h"

#include <iostream>
#include <thread>

#include "cli/load_runner.h"
#include "core/exit_code.h"
#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb::cli {
namespace {

using std::chrono::system_clock;

int64_t Epoch(system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// Tells watch when the next sync is due; a failure is said, not fatal.
void Beat(SyncStore* schedule, const std::string& worker_id, std::chrono::seconds interval,
          system_clock::time_point next) {
  if (schedule == nullptr) return;
  if (auto s = schedule->Schedule(worker_id, interval.count(), Epoch(next)); !s) {
    PrintError(TrFormat("could not record the next sync for watch: {}", s.error().message));
  }
}

}  // namespace

int RepeatEvery(std::chrono::seconds interval, const std::function<int()>& once,
                const std::atomic<bool>& stop, SyncStore* schedule, const std::string& worker_id) {
  int code = ToInt(ExitCode::kOk);
  while (!stop) {
    const auto began = system_clock::now();
    const auto next = began + interval;
    Beat(schedule, worker_id, interval, next);
    code = once();
    if (stop) break;
    std::cout << TrFormat("Next sync at {} (every {}); SIGTERM or Ctrl-C stops.",
                          FormatClockTime(next), FormatDuration(interval))
              << std::endl;
    auto beat = system_clock::now();
    while (!stop && system_clock::now() < next) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      if (system_clock::now() - beat >= std::chrono::minutes(1)) {
        Beat(schedule, worker_id, interval, next);
        beat = system_clock::now();
      }
    }
  }
  if (schedule != nullptr) (void)schedule->Unschedule(worker_id);
  // Stopped on request: a sync cut short committed its batch and resumes at
  // the next start, so the loop ended as asked (a service manager's stop).
  return code == ToInt(ExitCode::kStopped) ? ToInt(ExitCode::kOk) : code;
}

}  // namespace gb::cli
