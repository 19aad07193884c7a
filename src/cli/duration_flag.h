// A duration as typed on the command line: a number and a unit, "90s",
// "15m", "2h", "30d" (sync's --overlap, --sweep-every, --every).
#pragma once

#include <chrono>
#include <string_view>

#include "core/error.h"

namespace gb::cli {

// A kConfig error naming `flag` and saying what is accepted when `text` is
// not one, or not positive.
Result<std::chrono::seconds> ParseDurationFlag(std::string_view flag, std::string_view text);

}  // namespace gb::cli
