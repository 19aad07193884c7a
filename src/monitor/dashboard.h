// The `watch` frame: a pure function of (health, width, height), tested as
// strings. Every line fits in width-1 columns (never wraps) and the frame never
// has more than `height` lines (sections of least value are dropped first:
// rejects, workers, latest entries). Colour only through Terminal::Styled, so
// a frame for a pipe or NO_COLOR has no escape codes.
#pragma once

#include <string>
#include <vector>

#include "monitor/run_health.h"
#include "monitor/terminal.h"

namespace gb {

std::vector<std::string> RenderDashboard(const Health& health, int width, int height,
                                         const Terminal& styler);

// The frame as text, one '\n' after each line (for --once and tests).
std::string RenderDashboardText(const Health& health, int width, int height,
                                const Terminal& styler);

// Printed when watch ends (Ctrl+C): the run, the total and each year's state.
std::string FormatWatchSummary(const Health& health);

}  // namespace gb
