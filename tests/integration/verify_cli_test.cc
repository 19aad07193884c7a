// `verify` end to end: the simulator as the source, a destination loaded by
// RunBackfill (SQLite, and a real PostgreSQL), the real binary run as a user
// would. A complete load exits 0; a deleted row is named; a duplicate
// planted under another id scheme is reported; both exit kMismatch.
#include <sqlite3.h>

#include "core/exit_code.h"
#include "integration/verify_test_support.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace gb::test {
namespace {

// Runs one SQL text on a SQLite file (test setup only).
void SqliteExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

std::string SqliteValue(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

constexpr const char* kPickRow =
    "SELECT external_id FROM gazelle_timeline_entries WHERE occurred_at >= '2024-01-01' "
    "ORDER BY external_id LIMIT 1";

class VerifySqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_ = StartSmallSim();
    path_ = dir_.File("gazelle.db");
    auto outcome = LoadFromSim(*sim_, "sqlite:" + path_, {2023, 2024});
    ASSERT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  }
  CliResult Verify(const std::string& extra) {
    return RunCli("verify --db sqlite:" + path_ + " --api " + sim_->BaseUrl() + " " + extra,
                  {{"GAZELLE_API_KEY", sim_->credentials().api_key}}, dir_.path());
  }

  TempDir dir_;
  std::unique_ptr<sim::SimServer> sim_;
  std::string path_;
};

TEST_F(VerifySqliteTest, CompleteLoadExitsZero) {
  CliResult r = Verify("--years 2023-2024");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Everything matches."), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("2024"), std::string::npos);
  // Without --years: the years of the last run.
  CliResult latest = Verify("");
  EXPECT_EQ(latest.exit_code, 0) << latest.output;
  EXPECT_NE(latest.output.find("years 2023-2024"), std::string::npos) << latest.output;
}

TEST_F(VerifySqliteTest, DeletedRowIsNamed) {
  const std::string gone = SqliteValue(path_, kPickRow);
  ASSERT_FALSE(gone.empty());
  const std::string month = SqliteValue(
      path_,
      "SELECT substr(occurred_at, 1, 7) FROM gazelle_timeline_entries WHERE external_id = '" +
          gone + "'");
  SqliteExec(path_, "DELETE FROM gazelle_timeline_entries WHERE external_id = '" + gone + "'");
  CliResult r = Verify("--years 2023-2024 --list-missing");
  EXPECT_EQ(r.exit_code, ToInt(ExitCode::kMismatch)) << r.output;
  EXPECT_NE(r.output.find(gone), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(month + ": "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("missing rows"), std::string::npos) << r.output;
  // The same, for that month only.
  CliResult one = Verify("--month " + month + " --list-missing");
  EXPECT_EQ(one.exit_code, ToInt(ExitCode::kMismatch)) << one.output;
  EXPECT_NE(one.output.find(gone), std::string::npos) << one.output;
}

TEST_F(VerifySqliteTest, DuplicateUnderAnotherIdSchemeIsReported) {
  const std::string copied = SqliteValue(path_, kPickRow);
  SqliteExec(path_,
             "INSERT INTO gazelle_timeline_entries (external_id, client_id, occurred_at, "
             "entry_type, title) SELECT 'legacy_import_7', client_id, occurred_at, entry_type, "
             "title FROM gazelle_timeline_entries WHERE external_id = '" +
                 copied + "'");
  CliResult r = Verify("--years 2023-2024 --list-missing");
  EXPECT_EQ(r.exit_code, ToInt(ExitCode::kMismatch)) << r.output;
  EXPECT_NE(r.output.find("legacy_import_7"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("extra rows"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("tme_ scheme"), std::string::npos) << r.output;
}

TEST_F(VerifySqliteTest, BadFlagsAreUsageErrors) {
  EXPECT_EQ(Verify("--month 2024-13").exit_code, ToInt(ExitCode::kUsage));
  EXPECT_EQ(Verify("--month 2024-03 --years 2024").exit_code, ToInt(ExitCode::kUsage));
  CliResult missing = RunCli(
      "verify --db sqlite:" + dir_.File("none.db") + " --api " + sim_->BaseUrl() + " --years 2024",
      {{"GAZELLE_API_KEY", sim_->credentials().api_key}}, dir_.path());
  EXPECT_EQ(missing.exit_code, ToInt(ExitCode::kUsage)) << missing.output;
  EXPECT_NE(missing.output.find("no SQLite database"), std::string::npos) << missing.output;
}

// verify's advice is a command that works as printed: entries arriving after
// a finished load make verify exit 8 and print the run command; pasted, it
// resumes the finished run for the difference, and verify then exits 0.
TEST(VerifyAdviceTest, PastingTheAdvisedCommandLoadsWhatDiffers) {
  TempDir dir;
  auto sim = StartSmallSim();
  const std::string db = "sqlite:" + dir.File("gazelle.db");
  ASSERT_EQ(LoadFromSim(*sim, db, {2025, 2026}).exit_code, ExitCode::kOk);
  sim->AddEntries(4);
  const std::map<std::string, std::string> env = {{"GAZELLE_API_KEY", sim->credentials().api_key}};
  const std::string verify = "verify --db " + db + " --api " + sim->BaseUrl();
  CliResult differs = RunCli(verify, env, dir.path());
  ASSERT_EQ(differs.exit_code, ToInt(ExitCode::kMismatch)) << differs.output;
  // The advice's line, whole: this binary as the shell finds it, then its arguments.
  const size_t at = differs.output.find(" run --years ");
  ASSERT_NE(at, std::string::npos) << differs.output;
  const size_t from = differs.output.rfind("\n  ", at) + 3;
  const std::string command = differs.output.substr(from, differs.output.find('\n', at) - from);
  EXPECT_TRUE(command.starts_with(GB_BINARY)) << command;
  EXPECT_NE(command.find("--years 2025-2026"), std::string::npos) << command;
  CliResult pasted = RunShellLine(command, env, dir.path());
  EXPECT_EQ(pasted.exit_code, 0) << command << "\n" << pasted.output;
  EXPECT_EQ(pasted.output.find("already complete"), std::string::npos) << pasted.output;
  CliResult again = RunCli(verify, env, dir.path());
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(RunShellLine(command, env, dir.path()).output.find("already complete"),
            std::string::npos);
}

class VerifyPostgresTest : public PgDatabaseTest {
 protected:
  void SetUp() override {
    PgDatabaseTest::SetUp();
    sim_ = StartSmallSim();
    auto outcome = LoadFromSim(*sim_, url(), {2023, 2024});
    ASSERT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  }
  CliResult Verify(const std::string& extra) {
    return RunCli("verify --db " + url() + " --api " + sim_->BaseUrl() + " " + extra,
                  {{"GAZELLE_API_KEY", sim_->credentials().api_key}}, dir_.path());
  }

  TempDir dir_;
  std::unique_ptr<sim::SimServer> sim_;
};

TEST_F(VerifyPostgresTest, CompleteThenDeletedThenDuplicated) {
  CliResult ok = Verify("--years 2023-2024");
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  auto gone = server().QueryValue(
      "SELECT external_id FROM gazelle_timeline_entries WHERE occurred_at >= '2024-01-01' "
      "ORDER BY external_id LIMIT 1",
      db());
  ASSERT_TRUE(gone);
  ASSERT_TRUE(server().Exec(
      "DELETE FROM gazelle_timeline_entries WHERE external_id = '" + *gone + "'", db()));
  CliResult missing = Verify("--years 2023-2024 --list-missing");
  EXPECT_EQ(missing.exit_code, ToInt(ExitCode::kMismatch)) << missing.output;
  EXPECT_NE(missing.output.find(*gone), std::string::npos) << missing.output;
  // An existing business table without the UNIQUE constraint: a true duplicate,
  // plus an old import under another id scheme.
  ASSERT_TRUE(
      server().Exec("ALTER TABLE gazelle_timeline_entries DROP CONSTRAINT "
                    "gazelle_timeline_entries_external_id_key;"
                    "INSERT INTO gazelle_timeline_entries (external_id, occurred_at, entry_type) "
                    "SELECT external_id, occurred_at, entry_type FROM gazelle_timeline_entries "
                    "WHERE occurred_at >= '2023-06-01' ORDER BY external_id LIMIT 1;"
                    "INSERT INTO gazelle_timeline_entries (external_id, occurred_at, entry_type) "
                    "VALUES ('old_import_1', '2023-02-01T10:00:00Z', 'NOTE');",
                    db()));
  CliResult dup = Verify("--years 2023-2024");
  EXPECT_EQ(dup.exit_code, ToInt(ExitCode::kMismatch)) << dup.output;
  EXPECT_NE(dup.output.find("Duplicates by external id"), std::string::npos) << dup.output;
  EXPECT_NE(dup.output.find("old_import_1"), std::string::npos) << dup.output;
}

}  // namespace
}  // namespace gb::test
