// The engine's entry point: plan, then load with concurrent streams, resumably.
// It reports through the Observer and never prints.
#pragma once

#include <atomic>
#include <string>

#include "core/clock.h"
#include "core/events.h"
#include "core/exit_code.h"
#include "engine/run_options.h"
#include "sink/destination.h"
#include "sink/sync_store.h"
#include "sink/verify_reader.h"
#include "source/object_source.h"
#include "source/timeline_source.h"

namespace gb {

struct RunOutcome {
  ExitCode exit_code = ExitCode::kOk;
  std::string state;    // done | done_with_rejects | complete_already | stopped | failed | refused
  std::string message;  // for the user: what happened, and how to resume when stopped
  CountTable totals;
};

// `stop` is set by the signal handler (SIGINT/SIGTERM): the engine finishes
// the batches in flight, commits them, and returns kStopped.
// `objects`: where the other streams (RunOptions::streams) come from; none
// when the source holds only the timeline (a file).
// What a sync reads and marks besides its rows (engine/sync_planner.h).
struct SyncStores {
  VerifyReader& reader;
  SyncStore& store;
};

RunOutcome RunBackfill(const RunOptions& options, TimelineSource& source, Destination& destination,
                       Observer& observer, Clock& clock, const std::atomic<bool>& stop,
                       ObjectSource* objects = nullptr, SyncStores* sync = nullptr);

// The streams a run was started with (its parameters), into `options`'
// timeline and streams; false (unchanged) when they cannot be read.
bool StreamsOf(const RunRecord& run, RunOptions& options);

}  // namespace gb
