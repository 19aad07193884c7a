// What the reliability and scale-out tests ask while a fault is on: waiting
// for a condition, and `watch` (the real binary) as a user or a cron job sees
// the run — `watch --check` (exit code and its one line) and one JSON frame.
//
// Header-only: tests/CMakeLists.txt builds only tests/<dir>/*_test.cc.
#pragma once

#include <chrono>
#include <string>
#include <thread>

#include "integration/loader_checks.h"
#include "integration/loader_process.h"

namespace gb::test {

// Polls `probe` every 100 ms until it is true or `limit` has passed.
template <class F>
bool WaitUntil(std::chrono::milliseconds limit, F probe) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!probe()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

inline bool PgTableExists(SqlProbe& db, const std::string& table) {
  return db.Int("SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'") > 0;
}

// `watch --check`: its exit code (0 healthy, 10 slow, 11 stalled, 12 failed,
// 13 rejects, 14 no run, 7 unreachable) and its line.
inline ChildExit WatchCheck(const std::string& db_url, const std::string& cwd) {
  return RunLoader({"watch", "--check", "--db", db_url}, {}, cwd, std::chrono::seconds(60));
}

// One `watch --once --json` document.
inline std::string WatchJson(const std::string& db_url, const std::string& cwd) {
  return RunLoader({"watch", "--once", "--json", "--db", db_url}, {}, cwd, std::chrono::seconds(60))
      .output;
}

}  // namespace gb::test
