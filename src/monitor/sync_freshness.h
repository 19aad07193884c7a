// How current the destination is, for a database kept up to date by `sync`:
// the last run that ended well (a backfill or a sync) and the last sync, the
// schedule of `sync --every` (its next sync, its heartbeat), the lag of each
// stream (the timeline's: now minus its newest entry; another's: now minus
// the end of its last whole sweep) and the rows marked gone from the source.
// "Stale" (watch --check's own exit code) when the schedule is late (its
// next sync is overdue by its interval, at least 5 minutes), when the last
// success is older than --stale-after, or when the lag passes --max-lag.
// Pure: a function of one DbStatus sample.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "sink/status_reader.h"

namespace gb {

struct FreshnessOptions {
  std::optional<std::chrono::seconds> stale_after;  // watch --stale-after
  std::optional<std::chrono::seconds> max_lag;      // watch --max-lag
};

struct Freshness {
  std::optional<int64_t> last_success_at;  // epoch seconds (database clock)
  std::optional<int64_t> last_sync_at;
  std::optional<ScheduleRow> schedule;
  std::optional<int64_t> lag_s;  // now - the newest entry's occurred_at
  // Each other stream (clients, ...): now - the end of its last whole sweep.
  std::map<std::string, int64_t> stream_lag_s;
  std::map<std::string, int64_t> marked;
  bool stale = false;
  std::string stale_reason;  // in words, for the check's line
};

inline constexpr int64_t kLateScheduleS = 300;  // the least a schedule may be late

Freshness FreshnessOf(const DbStatus& status, const FreshnessOptions& options);

}  // namespace gb
