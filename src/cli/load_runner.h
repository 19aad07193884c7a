// What `run` and `demo` share: wire the progress (model, renderer, reporter),
// the source and the destination, run the engine until done or stopped, then
// print the per-year and overall summary. Returns the process exit code.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "cli/run_flags.h"
#include "cli/source_factory.h"
#include "core/error.h"
#include "core/exit_status.h"
#include "monitor/progress_model.h"

namespace gb::cli {

// `model_hook`, when set, is called with the run's ProgressModel once it
// exists and with nullptr before it goes away (`run --http` reads the API
// retry counts, which the database does not keep, from it).
using ModelHook = std::function<void(const ProgressModel*)>;

int RunLoad(const RunConfig& config, const SourceConfig& source_config,
            const std::atomic<bool>& stop, const ModelHook& model_hook = {});

// "error: …" on stderr, secrets removed.
void PrintError(const std::string& message);

}  // namespace gb::cli
