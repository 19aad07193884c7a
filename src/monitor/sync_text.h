// A sync in words: the log lines of its comparison with the source and of
// the rows it marked gone, and its lines in the run's summary.
#pragma once

#include <string>

#include "core/events.h"
#include "monitor/snapshot.h"
#include "monitor/sync_freshness.h"

namespace gb {

std::string SyncComparedText(const SyncCompared& e);
std::string MissingMarkedText(const MissingMarked& e);
// "" when the run was not a sync; else lines ending in '\n'.
std::string SyncSummaryText(const Snapshot& s);
// watch's line: "Last sync 14:02 (12m ago) · next 14:17, every 15m · newest
// entry 2h ago · 9 rows marked missing"; "" when nothing was ever synced.
std::string FreshnessText(const Freshness& f, int64_t now);

}  // namespace gb
