// Events shaped like the engine's, for the monitor's tests.
#pragma once

#include <string>

#include "core/events.h"

namespace gb::testing {

inline RunStarted TwoYearRun() {
  RunStarted e;
  e.run_id = 7;
  e.worker_id = WorkerId{"host", 42, "abcd"};
  e.years = {2023, 2024};
  e.expected = {{2023, 28313}, {2024, 26034}};
  e.concurrency = 4;
  e.units = 28;
  e.destination = "sqlite:gazelle.db";
  return e;
}

inline BatchCommitted Batch(int year, int64_t inserted, int64_t repaired = 0, int64_t rejected = 0,
                            int64_t skipped_year = 0, int64_t skipped = 0) {
  BatchCommitted b;
  b.unit = "type:SERVICE_ENTRY_MANUAL";
  b.counts[{year, "SERVICE_ENTRY_MANUAL"}] =
      Counts{.inserted = inserted, .repaired = repaired, .rejected = rejected};
  if (skipped > 0)
    b.counts[{static_cast<int>(skipped_year), "SERVICE_ENTRY_MANUAL"}].skipped = skipped;
  b.rows = inserted + repaired + rejected + skipped;
  b.newest_id = "tme_0123456789abcdef0123";
  return b;
}

}  // namespace gb::testing
