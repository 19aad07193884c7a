// Memory stays flat whatever the size: the same `run --from-file` of a
// `sim dump --jsonl` export into SQLite at scale 0.1 and at scale 1 (282,633
// entries: DESIGN.md's per-year totals), and the child's peak RSS (wait4's ru_maxrss) at
// scale 1 is at most 1.5 x the one at scale 0.1 plus a small constant. A leak
// guard, not a timing test: both loads must also be exact.
#include <iostream>

#include "core/exit_code.h"
#include "integration/loader_fixture.h"

namespace gb::test {
namespace {

class RunMemoryTest : public ::testing::Test {
 protected:
  struct Load {
    int64_t rows = 0;
    long peak_rss_kb = 0;
  };

  // Dumps the dataset at `scale`, loads all of it from the file, checks it.
  Load DumpAndLoad(double scale, const std::string& name) {
    const std::string jsonl = dir_.File(name + ".jsonl");
    ChildExit dump = RunLoader({"sim", "dump", "--jsonl", jsonl, "--scale", std::to_string(scale)},
                               {}, dir_.path());
    EXPECT_EQ(dump.exit_code, ToInt(ExitCode::kOk)) << dump.output;
    const std::string db_path = dir_.File(name + ".db");
    ChildExit run = RunLoader({"run", "--from-file", jsonl, "--db", "sqlite:" + db_path, "--years",
                               "2016-2026", "--progress", "quiet"},
                              {}, dir_.path());
    EXPECT_EQ(run.exit_code, ToInt(ExitCode::kOk)) << run.output;
    SimTruth truth;
    for (const auto& [year, f] : DatasetFacts(scale)) {
      truth.per_year[year] = f.total;
      truth.fetched += f.total;
    }
    SqliteProbe db(db_path);
    ExpectExactLoad(db, truth);
    Load load{TotalRows(db), run.max_rss_kb};
    std::remove(jsonl.c_str());  // keep /tmp small
    return load;
  }

  TempDir dir_{"gb-e2e-mem-"};
};

TEST_F(RunMemoryTest, PeakRssIsFlatFromScaleTenthToFullScale) {
  const Load small = DumpAndLoad(0.1, "tenth");
  const Load full = DumpAndLoad(1.0, "full");
  std::cout << "[figures] --from-file into SQLite: scale 0.1: " << small.rows << " rows, peak RSS "
            << small.peak_rss_kb << " kB; scale 1: " << full.rows << " rows, peak RSS "
            << full.peak_rss_kb << " kB\n";
  EXPECT_GT(full.rows, 9 * small.rows);
  ASSERT_GT(small.peak_rss_kb, 0);
  constexpr long kSlackKb = 16 * 1024;  // allocator and SQLite page-cache noise
  EXPECT_LE(full.peak_rss_kb, small.peak_rss_kb * 3 / 2 + kSlackKb)
      << "peak RSS grows with the size of the input";
}

}  // namespace
}  // namespace gb::test
