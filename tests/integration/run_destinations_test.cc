// `gazelle-backfill run` end to end, the real binary against the real
// simulator, into SQLite, PostgreSQL direct and PostgreSQL through pgbouncer in
// transaction mode: the per-year counts equal the plan and the simulator's
// totalCount differences; a second run says the range is complete and changes
// nothing; --restart fetches everything again and counts it unchanged; the
// users unknown to allUsers are repaired (user_id NULL, original kept).
#include <iostream>

#include "core/exit_code.h"
#include "integration/loader_fixture.h"

namespace gb::test {
namespace {

enum class Target { kSqlite, kPostgres, kBouncer };

std::string TargetName(const ::testing::TestParamInfo<Target>& info) {
  switch (info.param) {
    case Target::kSqlite:
      return "Sqlite";
    case Target::kPostgres:
      return "Postgres";
    case Target::kBouncer:
      return "PgbouncerTransactionMode";
  }
  return "?";
}

class RunDestinationTest : public LoaderTest, public ::testing::WithParamInterface<Target> {
 protected:
  std::string DbUrl() const {
    switch (GetParam()) {
      case Target::kSqlite:
        return SqliteUrl();
      case Target::kPostgres:
        return url();
      case Target::kBouncer:
        return bouncer_url();
    }
    return "";
  }

  std::unique_ptr<SqlProbe> Probe() const {
    if (GetParam() == Target::kSqlite) return std::make_unique<SqliteProbe>(dir_.File("dest.db"));
    return std::make_unique<PgProbe>(db());
  }

  // The original user id kept in metadata, in this dialect.
  std::string UnresolvedUser() const {
    return GetParam() == Target::kSqlite ? "json_extract(metadata, '$.unresolved_user_id')"
                                         : "metadata->>'unresolved_user_id'";
  }

  const std::vector<int> years_ = {2022, 2023, 2024};
  const std::string years_flag_ = "2022-2024";
};

TEST_P(RunDestinationTest, LoadsThePlanExactlyThenIsCompleteThenRestartChangesNothing) {
  StartSim();
  const SimTruth truth = Truth(years_);
  ChildExit first = Run(RunArgs(DbUrl(), years_flag_));
  ASSERT_EQ(first.exit_code, ToInt(ExitCode::kOk)) << first.output;
  auto db = Probe();
  ExpectExactLoad(*db, truth);
  const int64_t run = LatestRunId(*db);
  const int64_t rows = TotalRows(*db);
  int64_t planned = 0;
  for (const auto& [year, n] : truth.per_year) planned += n;
  EXPECT_EQ(rows, planned);
  std::cout << "[figures] " << db->Name() << ": " << rows << " rows for " << years_flag_
            << " (fetched " << truth.fetched << ", peak RSS " << first.max_rss_kb << " kB)\n";

  // The same command again: complete, nothing fetched, nothing written.
  const std::string max_id = db->Value("SELECT max(id) FROM gazelle_timeline_entries");
  const YearCounters counted = CountersOf(*db, run, std::nullopt);
  const int64_t served = sim_->Stat("entries_served");
  ChildExit second = Run(RunArgs(DbUrl(), years_flag_));
  EXPECT_EQ(second.exit_code, ToInt(ExitCode::kOk)) << second.output;
  EXPECT_NE(second.output.find("already complete"), std::string::npos) << second.output;
  EXPECT_EQ(TotalRows(*db), rows);
  EXPECT_EQ(db->Value("SELECT max(id) FROM gazelle_timeline_entries"), max_id);
  EXPECT_EQ(Duplicates(*db), 0);
  EXPECT_EQ(LatestRunId(*db), run);
  EXPECT_EQ(CountersOf(*db, run, std::nullopt).sum(), counted.sum());
  EXPECT_EQ(sim_->Stat("entries_served"), served + 1)
      << "a complete range fetches only the source's newest entry (is it covered?)";

  // --restart: everything fetched again, every row counted unchanged (or
  // repaired again), no row rewritten.
  const std::string last_update = db->Value("SELECT max(updated_at) FROM gazelle_timeline_entries");
  ChildExit third = Run(RunArgs(DbUrl(), years_flag_, {"--restart"}));
  ASSERT_EQ(third.exit_code, ToInt(ExitCode::kOk)) << third.output;
  ExpectExactLoad(*db, truth);
  EXPECT_GE(sim_->Stat("entries_served") - served, truth.fetched);
  EXPECT_EQ(TotalRows(*db), rows);
  EXPECT_EQ(db->Value("SELECT max(id) FROM gazelle_timeline_entries"), max_id);
  EXPECT_EQ(db->Value("SELECT max(updated_at) FROM gazelle_timeline_entries"), last_update)
      << "unchanged rows must not be rewritten";
  for (int year : years_) {
    SCOPED_TRACE(year);
    YearCounters c = CountersOf(*db, LatestRunId(*db), year);
    EXPECT_EQ(c.inserted, 0);
    EXPECT_EQ(c.updated, 0);
    EXPECT_EQ(c.unchanged + c.repaired, RowsInYear(*db, year));
  }
}

TEST_P(RunDestinationTest, UnknownUsersAreRepairedKeptAndCounted) {
  StartSim();
  const SimTruth truth = Truth(years_);
  const auto facts = DatasetFacts(kScale);
  ChildExit run = Run(RunArgs(DbUrl(), years_flag_));
  ASSERT_EQ(run.exit_code, ToInt(ExitCode::kOk)) << run.output;
  auto db = Probe();
  ExpectExactLoad(*db, truth);
  const int64_t run_id = LatestRunId(*db);
  int64_t repaired_total = 0;
  for (int year : years_) {
    SCOPED_TRACE(year);
    const int64_t unknown = facts.at(year).unknown_user;
    EXPECT_GT(unknown, 0) << "the simulator should have unknown users in every year";
    EXPECT_EQ(CountersOf(*db, run_id, year).repaired, unknown);
    EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_timeline_entries WHERE " + db->YearIs(year) +
                      " AND user_id IS NULL AND " + UnresolvedUser() + " LIKE 'usr_%'"),
              unknown);
    repaired_total += unknown;
  }
  // The kept originals are exactly the users allUsers does not know...
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_timeline_entries e JOIN users u ON u.id = " +
                    UnresolvedUser()),
            0);
  // ...and every link that was kept resolves.
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_timeline_entries e LEFT JOIN users u "
                    "ON u.id = e.user_id WHERE e.user_id IS NOT NULL AND u.id IS NULL"),
            0);
  EXPECT_GT(db->Int("SELECT count(*) FROM users"), 0);
  EXPECT_GT(db->Int("SELECT count(*) FROM gazelle_timeline_entries WHERE user_id IS NOT NULL"), 0);
  std::cout << "[figures] " << db->Name() << ": " << repaired_total
            << " entries with an unknown user repaired\n";
}

INSTANTIATE_TEST_SUITE_P(Destinations, RunDestinationTest,
                         ::testing::Values(Target::kSqlite, Target::kPostgres, Target::kBouncer),
                         TargetName);

}  // namespace
}  // namespace gb::test
