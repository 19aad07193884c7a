// `run --profile`: where the time went, per stage of a stream, from the
// TimeSpent events the engine emits. Each stream is two threads: a fetcher
// (waiting on the API, parsing, transforming, then waiting while the queue to
// its writer is full) and a writer (the database, then waiting for pages while
// the queue is empty). A stage's share is its time summed over the streams
// divided by streams × wall time, so the fetcher's shares (and the writer's)
// add up to about 100% and the largest one names the bottleneck:
//
//   Where the time went (8 streams, 1m 02s of wall time):
//     fetcher  waiting on the API          2m 10s   26.2%
//              parsing                       12.3s    2.5%
//     ...
//   Bottleneck: the database.
//
// Pure: tested as strings.
#pragma once

#include <string>

#include "core/events.h"
#include "monitor/snapshot.h"

namespace gb {

// The report; lines end with '\n'. Empty when no time was recorded.
std::string FormatTimeProfile(const Snapshot& snapshot);

}  // namespace gb
