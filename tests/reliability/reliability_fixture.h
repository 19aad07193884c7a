// The fault matrix of issue 6: each case runs a real backfill (the binary,
// the simulator process, a throwaway PostgreSQL and pgbouncer) at scale 0.05,
// injects its fault mid-run, watches `watch --check` while the fault is on,
// reruns the same command where the run stopped, and checks the destination:
// per-year counts = the simulator's, 0 duplicates, counters = fetched, the
// expected rejects only. Each case adds a row to the summary table printed
// at the end (fault, runs, rows lost, duplicates, recovered by rerun, time
// for watch to show the fault).
//
// GB_RELIABILITY=full selects the whole matrix (20 kills, a 30 s outage,
// every API fault); the default is the fast subset that `make test` runs.
//
// Header-only: tests/CMakeLists.txt builds only tests/<dir>/*_test.cc.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/exit_code.h"
#include "integration/loader_fixture.h"
#include "integration/loader_watch.h"

namespace gb::test {

inline bool FullMatrix() {
  const char* mode = std::getenv("GB_RELIABILITY");
  return mode != nullptr && std::string(mode) == "full";
}

// The one parameter of a suite that exists in the full matrix only.
inline std::vector<int> FullOnly() {
  return FullMatrix() ? std::vector<int>{1} : std::vector<int>{};
}

// ---- The summary table ----------------------------------------------------

struct MatrixRow {
  std::string fault;
  int runs = 0;
  int64_t lost = 0;
  int64_t duplicates = 0;
  bool recovered = false;
  std::string watch;  // "1.2 s (stalled)" or "not seen"
};

class MatrixTable : public ::testing::Environment {
 public:
  static void Add(MatrixRow row) {
    std::lock_guard lock(Mu());
    Rows().push_back(std::move(row));
  }
  static std::string Format() {
    std::lock_guard lock(Mu());
    std::string out =
        fmt::format("{:<44} {:>4} {:>9} {:>10} {:>9}  {}\n", "fault", "runs", "rows lost",
                    "duplicates", "recovered", "time for watch to show it");
    for (const MatrixRow& r : Rows()) {
      out += fmt::format("{:<44} {:>4} {:>9} {:>10} {:>9}  {}\n", r.fault, r.runs, r.lost,
                         r.duplicates, r.recovered ? "yes" : "NO", r.watch);
    }
    return out;
  }
  void TearDown() override {
    if (Rows().empty()) return;
    std::cout << "\n==== fault matrix (" << (FullMatrix() ? "full" : "fast") << ") ====\n"
              << Format() << "==== end of fault matrix ====\n";
  }

 private:
  static std::vector<MatrixRow>& Rows() {
    static std::vector<MatrixRow> rows;
    return rows;
  }
  static std::mutex& Mu() {
    static std::mutex mu;
    return mu;
  }
};

inline ::testing::Environment* const kMatrixTable =
    ::testing::AddGlobalTestEnvironment(new MatrixTable);

// ---- The fixture ----------------------------------------------------------

inline constexpr double kReliabilityScale = 0.05;

class ReliabilityTest : public LoaderTest {
 protected:
  const std::vector<int> years_ = {2022, 2023, 2024};

  // The simulator slowed down enough (80 ms a page, 2 streams) that a load
  // lasts several seconds: faults land mid-run.
  void StartFaultSim(std::vector<std::string> extra = {}) {
    extra.insert(extra.end(), {"--latency-ms", "80"});
    StartSim(extra, kReliabilityScale);
    truth_ = Truth(years_);
  }

  std::vector<std::string> Args(const std::string& db_url,
                                std::vector<std::string> extra = {}) const {
    extra.insert(extra.begin(), {"--concurrency", "2", "--batch-size", "100"});
    return RunArgs(db_url, "2022-2024", extra);
  }

  // Rows the newest run has committed (0 before its tables exist).
  static int64_t Committed(SqlProbe& db, bool sqlite = false) {
    const std::string exists = sqlite
                                   ? "SELECT count(*) FROM sqlite_master WHERE name = 'gb_units'"
                                   : "SELECT count(*) FROM pg_tables WHERE tablename = 'gb_units'";
    if (db.Int(exists) == 0) return 0;
    return db.Int("SELECT coalesce(sum(fetched), 0) FROM " + db.Table("gb_units") +
                  " WHERE run_id = "
                  "(SELECT max(id) FROM " +
                  db.Table("gb_runs") + ")");
  }

  // Waits until the loader has committed `rows` rows; false when it ended first.
  static bool WaitCommitted(LoaderProcess& child, SqlProbe& db, int64_t rows, bool sqlite = false) {
    return WaitUntil(std::chrono::seconds(90),
                     [&] { return !child.Running() || Committed(db, sqlite) >= rows; }) &&
           child.Running();
  }

  // Starts `args` and waits until the load has committed 300 rows: mid-run.
  // None (with a failure) when it ended first.
  std::unique_ptr<LoaderProcess> StartMidRun(const std::vector<std::string>& args) {
    auto child = std::make_unique<LoaderProcess>(args, Env(), dir_.path());
    const bool sqlite = args.end() != std::find_if(args.begin(), args.end(), [](const auto& a) {
                          return a.starts_with("sqlite:");
                        });
    std::unique_ptr<SqlProbe> db;
    if (sqlite) {
      db = std::make_unique<SqliteProbe>(dir_.File("dest.db"));
    } else {
      db = std::make_unique<PgProbe>(this->db());
    }
    if (!WaitCommitted(*child, *db, 300, sqlite)) {
      ADD_FAILURE() << "the load ended before 300 rows: " << child->Kill9().output;
      return nullptr;
    }
    return child;
  }

  // Polls `watch --check` until `shows(exit code, line)`; "1.2 s (line)" or "not seen".
  std::string TimeForWatch(const std::string& db_url,
                           const std::function<bool(int, const std::string&)>& shows,
                           std::chrono::seconds limit = std::chrono::seconds(20)) {
    const auto start = std::chrono::steady_clock::now();
    ChildExit check;
    const bool seen = WaitUntil(limit, [&] {
      check = WatchCheck(db_url, dir_.path());
      return shows(check.exit_code, check.output);
    });
    if (!seen) return "not seen (last: " + FirstLine(check.output) + ")";
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return fmt::format("{:.1f} s ({})", s, FirstLine(check.output).substr(0, 60));
  }

  // Waits for `child`, then reruns `args` while the run has not ended (at
  // most 3 times). Adds the runs to `runs`; true when the last run ended done.
  bool FinishWithReruns(LoaderProcess& child, const std::vector<std::string>& args, int* runs,
                        bool rejects = false) {
    ChildExit end = child.Wait();
    const int done = ToInt(rejects ? ExitCode::kDoneWithRejects : ExitCode::kOk);
    for (int rerun = 0; end.exit_code != done && rerun < 3; ++rerun) {
      end = Run(args);
      ++*runs;
    }
    EXPECT_EQ(end.exit_code, done) << end.output;
    return end.exit_code == done;
  }

  // The same command again, after the run stopped, until it ends.
  bool RerunToEnd(const std::vector<std::string>& args, int* runs) {
    LoaderProcess rerun(args, Env(), dir_.path());
    ++*runs;
    return FinishWithReruns(rerun, args, runs);
  }

  // Checks the destination (ExpectExactLoad unless the case checked it its
  // own way) and adds the case's row to the table.
  void Record(const std::string& fault, SqlProbe& db, int runs, bool ended,
              const std::string& watch, const std::map<int, int64_t>& rejects = {},
              bool exact_sweep = true) {
    MatrixRow row{fault, runs, 0, Duplicates(db), false, watch};
    for (const auto& [year, expected] : truth_.per_year) {
      const int64_t kept = rejects.contains(year) ? rejects.at(year) : 0;
      row.lost += std::max<int64_t>(0, expected - kept - RowsInYear(db, year));
      EXPECT_EQ(RowsInYear(db, year), expected - kept) << year;
    }
    EXPECT_EQ(row.duplicates, 0);
    if (exact_sweep) ExpectExactLoad(db, truth_, rejects);
    row.recovered = ended && !::testing::Test::HasFailure();
    EXPECT_EQ(row.lost, 0);
    MatrixTable::Add(row);
  }

  static std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

  SimTruth truth_;
};

// What `watch --check` must say during a fault.
inline bool IsStalled(int code, const std::string&) {
  return code == ToInt(ExitCode::kCheckStalled);
}
inline bool IsUnreachable(int code, const std::string&) {
  return code == ToInt(ExitCode::kDestinationUnreachable);
}
inline auto Says(std::string text) {
  return [text](int, const std::string& line) { return line.find(text) != std::string::npos; };
}

}  // namespace gb::test
