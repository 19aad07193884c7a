// The destination refusing rows or writes mid-run: the business's old
// 8-value CHECK on entry_type added while the run loads, users deleted (rows
// whose user is unknown), a read-only database user, and a full disk under
// the SQLite file.
#include <unistd.h>

#include "core/entry_types.h"
#include "reliability/reliability_fixture.h"

namespace gb::test {
namespace {

using namespace std::chrono_literals;

class DestinationFaultsTest : public ReliabilityTest {
 protected:
  static std::string LegacyTypesList() {
    std::string list;
    for (std::string_view t : kLegacyEntryTypes) {
      list += (list.empty() ? "'" : ", '") + std::string(t) + "'";
    }
    return list;
  }
  // Rejects of the newest run per year.
  static std::map<int, int64_t> RejectsPerYear(SqlProbe& db, const std::vector<int>& years) {
    std::map<int, int64_t> out;
    for (int year : years) {
      out[year] = db.Int("SELECT count(*) FROM " + db.Table("gb_rejects") +
                         " WHERE run_id = (SELECT max(id) FROM " + db.Table("gb_runs") +
                         ") AND year = " + std::to_string(year));
    }
    return out;
  }
};

class DestinationFaultsTestFull : public DestinationFaultsTest,
                                  public ::testing::WithParamInterface<int> {};

// The old CHECK arrives mid-run (NOT VALID: rows already there stay): every
// later row of another type is refused with 23514 and kept as a reject with
// its reason and raw node; rows + rejects = the source, per year.
TEST_P(DestinationFaultsTestFull, LegacyCheckAddedMidRun) {
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  auto child = StartMidRun(args);
  ASSERT_TRUE(child);
  ASSERT_TRUE(
      server().Exec("ALTER TABLE gazelle_timeline_entries ADD CONSTRAINT legacy_types "
                    "CHECK (entry_type IN (" +
                        LegacyTypesList() + ")) NOT VALID",
                    this->db()));
  const std::string watch = TimeForWatch(url(), Says("rejected"), 30s);
  int runs = 1;
  const bool ended = FinishWithReruns(*child, args, &runs, /*rejects=*/true);
  const std::string in_run =
      " FROM " + db.Table("gb_rejects") + " WHERE run_id = " + std::to_string(LatestRunId(db));
  EXPECT_GT(db.Int("SELECT count(*)" + in_run), 0);
  EXPECT_EQ(db.Int("SELECT count(*)" + in_run + " AND (sqlstate <> '23514' OR type IN (" +
                   LegacyTypesList() + "))"),
            0)
      << "only rows the CHECK refuses are rejected";
  EXPECT_EQ(db.Int("SELECT count(*)" + in_run + " AND position(external_id in raw) = 0"), 0)
      << "the raw node is kept";
  EXPECT_EQ(db.Int("SELECT count(*)" + in_run +
                   " AND external_id IN (SELECT external_id FROM gazelle_timeline_entries)"),
            0)
      << "a rejected row is not also loaded";
  Record("legacy 8-value CHECK added mid-run", db, runs, ended, watch, RejectsPerYear(db, years_));
}

// Half the users deleted mid-run: later rows of those users are repaired
// (user_id NULL, the original kept in metadata), counted once as repaired.
TEST_P(DestinationFaultsTestFull, UsersMissingMidRun) {
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  auto child = StartMidRun(args);
  ASSERT_TRUE(child);
  ASSERT_TRUE(
      server().Exec("DELETE FROM users WHERE id IN (SELECT id FROM users ORDER BY id "
                    "LIMIT (SELECT count(*) / 2 FROM users))",
                    this->db()));
  int runs = 1;
  const bool ended = FinishWithReruns(*child, args, &runs);
  const int64_t repaired = CountersOf(db, LatestRunId(db), std::nullopt).repaired;
  EXPECT_GT(repaired, 0);
  EXPECT_GE(db.Int("SELECT count(*) FROM gazelle_timeline_entries WHERE user_id IS NULL AND "
                   "metadata::text LIKE '%unresolved_user_id%'"),
            repaired);
  Record("users deleted mid-run (rows repaired)", db, runs, ended,
         fmt::format("n/a ({} repaired)", repaired));
}

// The command run by a user who may only read: a clear permission error,
// nothing half-written; the owner's rerun finishes the job.
TEST_F(DestinationFaultsTest, ReadOnlyUser) {
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  {  // the owner starts the load, and is killed
    LoaderProcess owner(args, Env(), dir_.path());
    ASSERT_TRUE(WaitCommitted(owner, db, 300)) << owner.Kill9().output;
    owner.Kill9();
  }
  const std::string role = "reader_" + std::to_string(getpid());
  ASSERT_TRUE(server().Exec("DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " LOGIN"));
  ASSERT_TRUE(server().Exec("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role, this->db()));
  const int64_t rows_before = TotalRows(db);
  const int64_t committed_before = Committed(db);
  std::string reader_url = url();
  reader_url.replace(reader_url.find("postgres@"), 9, role + "@");
  ChildExit denied = Run(Args(reader_url));
  EXPECT_NE(denied.exit_code, ToInt(ExitCode::kOk));
  EXPECT_NE(denied.output.find("permission denied"), std::string::npos) << denied.output;
  EXPECT_NE(denied.output.find("grant"), std::string::npos) << "says what to do: " << denied.output;
  EXPECT_EQ(TotalRows(db), rows_before) << "nothing half-written";
  EXPECT_EQ(Committed(db), committed_before);
  const std::string watch = TimeForWatch(url(), IsStalled);
  int runs = 2;
  const bool ended = RerunToEnd(args, &runs);
  Record("read-only database user (permission denied)", db, runs, ended, watch);
}

// The disk under the SQLite file fills up: the loader's files may not grow
// past 1.5 MB (RLIMIT_FSIZE; no mount needed). It stops with a clear error,
// the committed batches intact; the rerun with room finishes the job.
TEST_F(DestinationFaultsTest, SqliteDiskFull) {
  StartFaultSim();
  SqliteProbe db(dir_.File("dest.db"));
  const auto args = Args(SqliteUrl());
  LoaderProcess full(args, Env(), dir_.path(), ChildLimits{1'500'000});
  ChildExit stopped = full.Wait(120s);
  EXPECT_NE(stopped.exit_code, ToInt(ExitCode::kOk)) << stopped.output;
  // RLIMIT_FSIZE makes the write fail with EFBIG, which SQLite reports as a
  // disk I/O error (a real ENOSPC: "database or disk is full").
  EXPECT_TRUE(stopped.output.find("full") != std::string::npos ||
              stopped.output.find("disk I/O error") != std::string::npos)
      << stopped.output;
  EXPECT_NE(stopped.output.find("rerun the same command"), std::string::npos) << stopped.output;
  EXPECT_GT(Committed(db, true), 0) << "the batches before the disk filled are kept";
  const std::string watch = TimeForWatch(SqliteUrl(), [](int code, const std::string&) {
    return code == ToInt(ExitCode::kCheckFailed) || code == ToInt(ExitCode::kCheckStalled);
  });
  int runs = 1;
  const bool ended = RerunToEnd(args, &runs);
  Record("SQLite: disk full (file size limit)", db, runs, ended, watch);
}

// Full matrix only (GB_RELIABILITY=full): these faults are also covered by
// tests/integration, or take long.
INSTANTIATE_TEST_SUITE_P(Full, DestinationFaultsTestFull, ::testing::ValuesIn(FullOnly()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(DestinationFaultsTestFull);

}  // namespace
}  // namespace gb::test
