#include "monitor/sync_freshness.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb {
namespace {

bool IsSync(const RunRow& run) {
  auto params = nlohmann::json::parse(run.params, nullptr, false);
  return params.is_object() && params.value("mode", "") == "sync";
}

bool EndedWell(const RunRow& run) {
  return run.finished_at &&
         (run.state == RunState::kDone || run.state == RunState::kDoneWithRejects);
}

std::string Age(int64_t seconds) { return FormatDuration(std::chrono::seconds(seconds)); }

}  // namespace

Freshness FreshnessOf(const DbStatus& status, const FreshnessOptions& options) {
  Freshness f;
  for (const RunRow& run : status.runs) {  // newest first
    if (!EndedWell(run)) continue;
    if (!f.last_success_at) f.last_success_at = run.finished_at;
    if (!f.last_sync_at && IsSync(run)) f.last_sync_at = run.finished_at;
  }
  f.schedule = status.schedule;
  f.marked = status.marked;
  if (status.newest_entry_at) f.lag_s = std::max<int64_t>(0, status.now - *status.newest_entry_at);
  for (const auto& [stream, at] : status.stream_swept_at) {
    f.stream_lag_s[stream] = std::max<int64_t>(0, status.now - at);
  }
  if (f.schedule) {
    const int64_t late = status.now - f.schedule->next_at;
    if (late > std::max(f.schedule->every_s, kLateScheduleS)) {
      f.stale = true;
      f.stale_reason = TrFormat("sync --every is {} late (the next sync was due at {})", Age(late),
                                FormatClockTime(std::chrono::system_clock::time_point(
                                    std::chrono::seconds(f.schedule->next_at))));
    }
  }
  if (!f.stale && options.stale_after) {
    const int64_t limit = options.stale_after->count();
    if (!f.last_success_at) {
      f.stale = true;
      f.stale_reason = Tr("no run or sync has ended well yet");
    } else if (status.now - *f.last_success_at > limit) {
      f.stale = true;
      f.stale_reason = TrFormat("the last good run or sync ended {} ago (--stale-after {})",
                                Age(status.now - *f.last_success_at), Age(limit));
    }
  }
  if (!f.stale && options.max_lag && f.lag_s && *f.lag_s > options.max_lag->count()) {
    f.stale = true;
    f.stale_reason = TrFormat("the newest entry is {} old (--max-lag {})", Age(*f.lag_s),
                              Age(options.max_lag->count()));
  }
  return f;
}

}  // namespace gb
