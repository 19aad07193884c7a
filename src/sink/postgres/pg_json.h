// JSON documents handed to PostgreSQL as one bound parameter (a set-based
// statement unpacks them with jsonb_to_recordset): one way to write them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/events.h"

namespace gb {

// Compact JSON; invalid UTF-8 is replaced rather than thrown on (the callers'
// text is already repaired, this is the last guard).
std::string DumpJson(const nlohmann::json& j);

// Counter deltas as save_progress.sql reads them: [{year, type, inserted, ...}].
std::string CounterDeltasJson(const CountTable& deltas);

}  // namespace gb
