#include "monitor/progress_mode.h"

#include "monitor/json_renderer.h"
#include "monitor/line_renderer.h"
#include "monitor/log_renderer.h"

namespace gb {

std::optional<ProgressMode> ParseProgressMode(std::string_view text) {
  if (text == "auto") return ProgressMode::kAuto;
  if (text == "line") return ProgressMode::kLine;
  if (text == "log") return ProgressMode::kLog;
  if (text == "json") return ProgressMode::kJson;
  if (text == "quiet") return ProgressMode::kQuiet;
  return std::nullopt;
}

ProgressMode ResolveProgressMode(ProgressMode mode, const Terminal& terminal) {
  if (mode != ProgressMode::kAuto) return mode;
  return terminal.smart() ? ProgressMode::kLine : ProgressMode::kLog;
}

std::unique_ptr<Renderer> MakeRenderer(ProgressMode mode, Terminal& terminal,
                                       std::ostream& json_out, const Clock& clock) {
  switch (ResolveProgressMode(mode, terminal)) {
    case ProgressMode::kLine:
      return std::make_unique<LineRenderer>(terminal, clock);
    case ProgressMode::kLog:
      return std::make_unique<LogRenderer>(terminal);
    case ProgressMode::kJson:
      return std::make_unique<JsonRenderer>(json_out, clock);
    case ProgressMode::kQuiet:
    case ProgressMode::kAuto:
      break;
  }
  return std::make_unique<QuietRenderer>();
}

}  // namespace gb
