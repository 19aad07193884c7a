#include "monitor/run_health_check.h"

#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb {

CheckVerdict CheckVerdictOf(const Health& health) {
  if (!health.reachable) return CheckVerdict::kUnreachable;
  if (!health.run) return CheckVerdict::kNoRun;
  switch (health.total.state) {
    case HealthState::kFailed:
      return CheckVerdict::kFailed;
    case HealthState::kStalled:
    case HealthState::kStopped:
      return CheckVerdict::kStalled;
    case HealthState::kSlow:
      return CheckVerdict::kSlow;
    case HealthState::kDoneWithRejects:
      return CheckVerdict::kRejects;
    default:
      break;
  }
  if (health.total.counts.rejected > 0) return CheckVerdict::kRejects;
  // Between syncs the run is done: the schedule and the ages say whether the
  // destination is still current.
  return health.freshness.stale ? CheckVerdict::kStale : CheckVerdict::kHealthy;
}

ExitCode CheckExitCode(const Health& health) { return ExitCodeForCheck(CheckVerdictOf(health)); }

std::string FormatCheckLine(const Health& health) {
  std::string line = HealthStateLabel(health.total.state);
  if (health.run) line += TrFormat(": run #{}", health.run->id);
  if (!health.total.reason.empty()) line += " — " + health.total.reason;
  if (health.run) {
    line += TrFormat(" · {} of {} ({})", FormatCount(health.total.done()),
                     FormatCount(health.total.expected),
                     FormatPercent(health.total.done(), health.total.expected));
    if (health.total.counts.rejected > 0) {
      line += TrFormat(" · {} rejected", FormatCount(health.total.counts.rejected));
    }
  }
  if (health.freshness.stale) line += " · " + TrFormat("stale: {}", health.freshness.stale_reason);
  return line;
}

}  // namespace gb
