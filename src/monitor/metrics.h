// /metrics: the Prometheus text exposition format (version 0.0.4) of a Health,
// plus API retry counters when the page is served by the loader itself
// (`run --http`: they live in its ProgressModel; the database does not keep them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "monitor/run_health.h"
#include "monitor/snapshot.h"

namespace gb {

struct ApiStats {
  int64_t retries = 0;       // every API retry, whatever the cause
  int64_t rate_limited = 0;  // of which 429 answers
  int64_t database_retries = 0;
  int64_t token_refreshes = 0;
};

// Sums the loader's retry reasons ("api: 429 Too Many Requests" -> n).
ApiStats ApiStatsFrom(const Snapshot& snapshot);

std::string FormatMetrics(const Health& health, const std::optional<ApiStats>& api);

}  // namespace gb
