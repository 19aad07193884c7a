// Ctrl+C / SIGTERM during `run`: the first one asks the engine to stop (it
// commits the batches in flight and leaves a resumable checkpoint); a second
// one exits at once with kStopped (the committed checkpoints still resume).
#pragma once

#include <atomic>

namespace gb::cli {

// Installs the SIGINT and SIGTERM handlers and returns the flag they set.
const std::atomic<bool>& InstallStopHandlers();

}  // namespace gb::cli
