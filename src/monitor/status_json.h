// The `watch --json` document, also served as /status.json: every field is
// documented in docs/watch-json.md (a test checks the two agree).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "monitor/run_health.h"

namespace gb {

nlohmann::json StatusJson(const Health& health);

// One line, no trailing newline.
std::string FormatStatusJson(const Health& health);

}  // namespace gb
