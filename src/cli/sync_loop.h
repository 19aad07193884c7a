// `sync --every 15m`: one sync, then the next when the interval since the
// last one began has passed, until SIGTERM or Ctrl-C. A sync that fails (the
// API or the database away) is said and tried again at the next interval; a
// stop during a sync lets it commit the batch in hand first (the engine's
// stop), a stop while waiting ends at once. The schedule (interval, next
// sync) is written to the destination for `watch`, its heartbeat renewed
// every minute while waiting, and removed at the end.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include "sink/sync_store.h"

namespace gb::cli {

// Runs `once` every `interval` until `stop`; the exit code of the last run,
// kOk when that run was stopped on request. `schedule` may be null.
int RepeatEvery(std::chrono::seconds interval, const std::function<int()>& once,
                const std::atomic<bool>& stop, SyncStore* schedule, const std::string& worker_id);

}  // namespace gb::cli
