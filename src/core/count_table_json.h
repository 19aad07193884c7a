// A CountTable as JSON cells [{year, type, inserted, updated, unchanged,
// repaired, rejected, skipped}]: the one shape shared by the JSON events
// (--progress json) and the counter deltas PostgreSQL adds set-based.
#pragma once

#include <nlohmann/json.hpp>

#include "core/events.h"

namespace gb {

nlohmann::json CountTableJson(const CountTable& table);

}  // namespace gb
