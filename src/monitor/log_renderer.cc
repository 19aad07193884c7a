#include "monitor/log_renderer.h"

#include "monitor/log_lines.h"

namespace gb {

LogRenderer::LogRenderer(Terminal& terminal) : terminal_(terminal) {}

void LogRenderer::Render(const Event& event, const ProgressModel& model) {
  // Pages and time samples have no line: skip the snapshot copy for them.
  if (std::holds_alternative<PageFetched>(event) || std::holds_alternative<TimeSpent>(event))
    return;
  for (const auto& line : FormatLogLines(event, model.snapshot())) terminal_.PrintLine(line);
}

}  // namespace gb
