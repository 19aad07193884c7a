// The one-line status of `run --progress line`:
//   [2024] 12,345/26,034 47% · all 120,000/282,669 42% · 3,210 e/s · ETA 51s · 2 repaired · 0
//   rejected
// The bracketed year is the one the latest batch mostly belonged to, with its
// own progress; "all" (shown when several years are planned), the rate and the
// ETA are the whole run's. Segments are dropped, least important first, until
// the line fits; it is never wider than width - 1 so the terminal never wraps.
#pragma once

#include <string>

#include "monitor/snapshot.h"

namespace gb {

std::string FormatStatusLine(const Snapshot& snapshot, int width);

}  // namespace gb
