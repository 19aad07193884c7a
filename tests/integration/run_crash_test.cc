// kill -9 of the loader at random points (one early, while it prepares and
// plans; the others at random points of the load), each followed by the same
// command: the last run ends with exact per-year counts, no duplicate, and
// counters that account for every fetched row exactly once.
#include <iostream>
#include <random>

#include "core/exit_code.h"
#include "integration/loader_fixture.h"

namespace gb::test {
namespace {

enum class CrashTarget { kSqlite, kPostgres };

class RunCrashTest : public LoaderTest, public ::testing::WithParamInterface<CrashTarget> {
 protected:
  std::string DbUrl() const { return GetParam() == CrashTarget::kSqlite ? SqliteUrl() : url(); }
  std::unique_ptr<SqlProbe> Probe() const {
    if (GetParam() == CrashTarget::kSqlite)
      return std::make_unique<SqliteProbe>(dir_.File("dest.db"));
    return std::make_unique<PgProbe>(db());
  }

  // Rows the newest run has committed so far (0 before its tables exist).
  int64_t Committed(SqlProbe& db) {
    if (db.Int("SELECT count(*) FROM " +
               std::string(GetParam() == CrashTarget::kSqlite
                               ? "sqlite_master WHERE name = 'gb_units'"
                               : "pg_tables WHERE tablename = 'gb_units'")) == 0) {
      return 0;
    }
    return db.Int("SELECT coalesce(sum(fetched), 0) FROM " + db.Table("gb_units") +
                  " WHERE run_id = "
                  "(SELECT max(id) FROM " +
                  db.Table("gb_runs") + ")");
  }
};

TEST_P(RunCrashTest, KillNineAtRandomPointsThenTheSameCommandEndsExact) {
  // Pages that take 60 ms over 4 streams: the whole load takes about a second,
  // so the polls (a fresh connection each, 50-100 ms) see it move and the
  // kills land mid-run, not after it finished.
  StartSim({"--latency-ms", "60"});
  const std::vector<int> years = {2020, 2021, 2022, 2023, 2024};
  const SimTruth truth = Truth(years);
  const auto args = RunArgs(DbUrl(), "2020-2024", {"--batch-size", "100", "--concurrency", "4"});
  auto db = Probe();
  std::random_device seed_source;
  const unsigned seed = seed_source();
  SCOPED_TRACE("random seed " + std::to_string(seed));
  std::mt19937 random(seed);

  int kills = 0;
  std::vector<std::string> points;
  // Kill 1: early, by time (schema, users, plan, first claims).
  {
    LoaderProcess child(args, Env(), dir_.path());
    const int delay_ms = std::uniform_int_distribution<int>(20, 250)(random);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    if (child.Running()) {
      child.Kill9();
      ++kills;
      points.push_back(std::to_string(delay_ms) + " ms after start");
    }
  }
  // Kills 2..4: at a random amount of committed progress, plus a random delay
  // so the kill also lands between commits.
  for (int attempt = 0; attempt < 3; ++attempt) {
    const int64_t before = Committed(*db);
    const int64_t target =
        before + std::uniform_int_distribution<int64_t>(
                     1, std::max<int64_t>(1, (truth.fetched - before) / 3))(random);
    LoaderProcess child(args, Env(), dir_.path());
    while (child.Running() && Committed(*db) < target) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const int delay_ms = std::uniform_int_distribution<int>(0, 40)(random);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    if (child.Running()) {
      child.Kill9();
      ++kills;
      points.push_back(std::to_string(Committed(*db)) + "/" + std::to_string(truth.fetched) +
                       " committed +" + std::to_string(delay_ms) + " ms");
    }
  }
  EXPECT_GE(kills, 3) << "the loader finished before it could be killed often enough";

  ChildExit last = Run(args);
  ASSERT_EQ(last.exit_code, ToInt(ExitCode::kOk)) << last.output;
  ExpectExactLoad(*db, truth);
  std::cout << "[figures] " << db->Name() << ": " << kills << " kill -9 at";
  for (const auto& p : points) std::cout << " [" << p << "]";
  std::cout << "; then " << TotalRows(*db) << " rows, " << Duplicates(*db) << " duplicates\n";

  // And the range is complete now.
  ChildExit again = Run(args);
  EXPECT_EQ(again.exit_code, ToInt(ExitCode::kOk)) << again.output;
  EXPECT_NE(again.output.find("already complete"), std::string::npos) << again.output;
}

INSTANTIATE_TEST_SUITE_P(Destinations, RunCrashTest,
                         ::testing::Values(CrashTarget::kSqlite, CrashTarget::kPostgres),
                         [](const auto& info) {
                           return info.param == CrashTarget::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace gb::test
