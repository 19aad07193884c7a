// `watch --check`: one line and an exit code for cron and alert scripts
// (core/exit_status.h decides it): kOk healthy or done, kCheckSlow, kCheckStalled (also a
// stopped run), kCheckFailed, kCheckRejects (rejected rows present),
// kCheckNoRun, kDestinationUnreachable. "Slow" needs history, so a single
// --check sample never reports it; stalls come from heartbeat ages and do.
#pragma once

#include <string>

#include "core/exit_status.h"
#include "monitor/run_health.h"

namespace gb {

// The verdict on the latest run; its exit code is ExitCodeForCheck's.
CheckVerdict CheckVerdictOf(const Health& health);
ExitCode CheckExitCode(const Health& health);

// "stalled: run #3 — no heartbeat for 12s · 120,000 of 282,669 (42%)".
std::string FormatCheckLine(const Health& health);

}  // namespace gb
