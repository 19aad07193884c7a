// DbStatus samples shaped like a run in the database, for the watch tests.
#pragma once

#include <string>

#include "monitor/run_health.h"
#include "sink/status_reader.h"

namespace gb::testing {

inline constexpr int64_t kT0 = 1732000000;  // database clock at the first sample

// A running run #3 planned for 2024 (26,034) and 2023 (28,313), one worker
// beating at `now`, `done2024` rows committed for 2024 at `now`.
inline DbStatus RunningStatus(int64_t now, int64_t done2024, int64_t done2023 = 0) {
  DbStatus s;
  s.tables_exist = true;
  s.now = now;
  s.runs.push_back(RunRow{3, RunState::kRunning, "", "{}", kT0 - 60, now, std::nullopt});
  s.plan = {{2023, 28313}, {2024, 26034}};
  s.counters[2024] = Counts{.inserted = done2024};
  if (done2023 > 0) s.counters[2023] = Counts{.inserted = done2023};
  s.last_counter_update = now;
  s.units.push_back(UnitRow{1, "type:SERVICE_ENTRY_MANUAL", "running", "host:42:abcd", now + 60,
                            "c1", done2024 + done2023, now, "", std::nullopt});
  s.workers.push_back(
      WorkerRow{"host:42:abcd", "host", 42, WorkerState::kRunning, {}, now, kT0 - 60});
  s.latest.push_back(
      EntryRow{"tme_0123456789abcdef0123", "SERVICE_ENTRY_MANUAL", "2024-03-01T12:00:00Z"});
  s.rows_estimate = done2024 + done2023;
  return s;
}

// Feeds `n` samples one `step` second apart at `rate` rows/s from t=0; returns
// the time of the last one.
inline double FeedSteady(RunHealth& health, int n, double step, int64_t rate, int64_t* done) {
  double t = 0;
  for (int i = 0; i < n; ++i) {
    t = i * step;
    health.Add(t, RunningStatus(kT0 + static_cast<int64_t>(t), *done), "sqlite:gazelle.db");
    *done += static_cast<int64_t>(rate * step);
  }
  return t;
}

}  // namespace gb::testing
