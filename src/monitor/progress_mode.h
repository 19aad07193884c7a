// --progress auto|line|log|json|quiet, and the renderer each one means.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string_view>

#include "core/clock.h"
#include "monitor/renderer.h"
#include "monitor/terminal.h"

namespace gb {

enum class ProgressMode { kAuto, kLine, kLog, kJson, kQuiet };

// None for anything but the five names.
std::optional<ProgressMode> ParseProgressMode(std::string_view text);

// auto = line on a smart terminal, log otherwise.
ProgressMode ResolveProgressMode(ProgressMode mode, const Terminal& terminal);

// The renderer for a resolved mode; JSON goes to `json_out` (stdout).
std::unique_ptr<Renderer> MakeRenderer(ProgressMode mode, Terminal& terminal,
                                       std::ostream& json_out, const Clock& clock);

}  // namespace gb
