// `run --progress log`: whole lines, one or more per event, with the old
// script's information per batch:
//   Batch 12/566 | Entries 5,501–6,000/282,669 (2.1%) | 480 new, 15 updated, 5 unchanged |
//   total 6,000 | 1 repaired, 0 rejected | 3,210 e/s | type:SERVICE_ENTRY_MANUAL
// (on one line), and a line for every retry (with why), split, reject, token
// refresh, finished stream and warning, and the destination's exposed tables. Pure: tested as
// strings.
#pragma once

#include <string>
#include <vector>

#include "core/events.h"
#include "monitor/snapshot.h"

namespace gb {

// The lines for one event, given the snapshot taken right after folding it.
// Empty for events that have no line of their own (pages, time spent, the
// final RunFinished, which the summary covers).
std::vector<std::string> FormatLogLines(const Event& event, const Snapshot& snapshot);

std::vector<std::string> FormatRunStartedLines(const Snapshot& snapshot);
std::string FormatBatchLine(const BatchCommitted& batch, const Snapshot& snapshot);
std::string FormatRetryLine(const RetryScheduled& retry);
// What an upgrade moved, then each exposed table with the statements closing it.
std::vector<std::string> FormatDestinationLines(const DestinationPrepared& prepared);

}  // namespace gb
