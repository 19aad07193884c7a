#include "monitor/run_health_check.h"

#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb {

ExitCode CheckExitCode(const Health& health) {
  if (!health.reachable) return ExitCode::kDestinationUnreachable;
  if (!health.run) return ExitCode::kCheckNoRun;
  switch (health.total.state) {
    case HealthState::kFailed:
      return ExitCode::kCheckFailed;
    case HealthState::kStalled:
    case HealthState::kStopped:
      return ExitCode::kCheckStalled;
    case HealthState::kSlow:
      return ExitCode::kCheckSlow;
    case HealthState::kDoneWithRejects:
      return ExitCode::kCheckRejects;
    default:
      break;
  }
  return health.total.counts.rejected > 0 ? ExitCode::kCheckRejects : ExitCode::kOk;
}

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
  return line;
}

}  // namespace gb
