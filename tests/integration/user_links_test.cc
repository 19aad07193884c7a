// No silent nulling (issue 12 item 4), end to end with the real binary and the
// simulator, into SQLite and PostgreSQL: the users (the real allUsers query)
// are loaded before any entry; an entry whose user the account does not list
// is loaded with its link nulled, the original kept, and counted as unlinked
// with its reason (counters, summary, watch --json, verify); once the user is
// listed (sim fault list_deleted_users), the next run gives every link back
// before anything else. A run whose users cannot be read stops with its exit
// code and writes no entry.
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/exit_code.h"
#include "integration/loader_fixture.h"
#include "integration/loader_watch.h"

namespace gb::test {
namespace {

// 1234567 -> "1,234,567", as the loader prints counts in English.
std::string UserLinksGrouped(int64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

enum class UserLinksTarget { kSqlite, kPostgres };

std::string UserLinksTargetName(const ::testing::TestParamInfo<UserLinksTarget>& info) {
  return info.param == UserLinksTarget::kSqlite ? "Sqlite" : "Postgres";
}

class UserLinksTest : public LoaderTest, public ::testing::WithParamInterface<UserLinksTarget> {
 protected:
  bool sqlite() const { return GetParam() == UserLinksTarget::kSqlite; }
  std::string DbUrl() const { return sqlite() ? SqliteUrl() : url(); }
  std::unique_ptr<SqlProbe> Probe() const {
    if (sqlite()) return std::make_unique<SqliteProbe>(dir_.File("dest.db"));
    return std::make_unique<PgProbe>(db());
  }
  // Entries with their link nulled and the original kept.
  int64_t Nulled(SqlProbe& db) const {
    return db.Int(std::string("SELECT count(*) FROM gazelle_timeline_entries WHERE user_id IS "
                              "NULL AND ") +
                  (sqlite() ? "json_extract(metadata, '$.unresolved_user_id') IS NOT NULL"
                            : "metadata ? 'unresolved_user_id'"));
  }
  ChildExit Verify() {
    return Run({"verify", "--db", DbUrl(), "--api", sim_->url(), "--token-file", token_file_,
                "--years", years_flag_});
  }

  const std::vector<int> years_ = {2023, 2024};
  const std::string years_flag_ = "2023-2024";
};

TEST_P(UserLinksTest, NulledLinksAreCountedWithTheirReasonThenRestoredWhenTheUsersAppear) {
  StartSim();
  const SimTruth truth = Truth(years_);
  const auto facts = DatasetFacts(kScale);
  int64_t unknown = 0;
  for (int year : years_) unknown += facts.at(year).unknown_user;
  ASSERT_GT(unknown, 0) << "the simulator should have entries of unknown users";

  ChildExit first = Run(RunArgs(DbUrl(), years_flag_));
  ASSERT_EQ(first.exit_code, ToInt(ExitCode::kOk)) << first.output;
  auto db = Probe();
  ExpectExactLoad(*db, truth);
  const int64_t run = LatestRunId(*db);
  for (int year : years_) {
    SCOPED_TRACE(year);
    const YearCounters c = CountersOf(*db, run, year);
    EXPECT_EQ(c.unlinked, facts.at(year).unknown_user);
    EXPECT_LE(c.unlinked, c.repaired);
  }
  EXPECT_EQ(Nulled(*db), unknown);
  EXPECT_NE(first.output.find(UserLinksGrouped(unknown) +
                              " links nulled (the user, client, piano, invoice or estimate"),
            std::string::npos)
      << first.output;

  auto doc = nlohmann::json::parse(WatchJson(DbUrl(), dir_.path()), nullptr, false);
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc["total"]["unlinked"], unknown);
  EXPECT_EQ(doc["total"]["unlinked_by_reason"]["linked_row_missing"], unknown);

  ChildExit verify = Verify();
  EXPECT_EQ(verify.exit_code, ToInt(ExitCode::kOk)) << verify.output;
  EXPECT_NE(verify.output.find(UserLinksGrouped(unknown) + " entries have a link nulled"),
            std::string::npos)
      << verify.output;
  EXPECT_NE(verify.output.find("gazelle-backfill run --years " + years_flag_), std::string::npos)
      << verify.output;

  // The users come back at the source: the same command gives every link back
  // (the range itself is complete), counted and said.
  ASSERT_TRUE(sim_->SetFaults(R"({"list_deleted_users": true})"));
  ChildExit second = Run(RunArgs(DbUrl(), years_flag_));
  ASSERT_EQ(second.exit_code, ToInt(ExitCode::kOk)) << second.output;
  EXPECT_NE(second.output.find("Links given back: " + UserLinksGrouped(unknown) +
                               " entries point again at a user, client, piano, invoice or "
                               "estimate loaded since; 0 still nulled"),
            std::string::npos)
      << second.output;
  EXPECT_EQ(Nulled(*db), 0);
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_timeline_entries e LEFT JOIN users u "
                    "ON u.id = e.user_id WHERE e.user_id IS NOT NULL AND u.id IS NULL"),
            0);
  ChildExit clean = Verify();
  EXPECT_EQ(clean.exit_code, ToInt(ExitCode::kOk)) << clean.output;
  EXPECT_EQ(clean.output.find("link to a user nulled"), std::string::npos) << clean.output;

  // Loaded again from the source, the restored rows are the rows it gives.
  ChildExit again = Run(RunArgs(DbUrl(), years_flag_, {"--restart"}));
  ASSERT_EQ(again.exit_code, ToInt(ExitCode::kOk)) << again.output;
  const YearCounters c = CountersOf(*db, LatestRunId(*db), std::nullopt);
  EXPECT_EQ(c.unlinked, 0);
  EXPECT_EQ(c.repaired, 0);
  EXPECT_EQ(c.updated, 0);
}

TEST_P(UserLinksTest, UsersThatCannotBeReadStopTheRunBeforeAnyEntry) {
  StartSim();
  // A key the API refuses: the users query, the run's first, fails with 401.
  ChildExit refused = Run(RunArgs(DbUrl(), years_flag_, {"--api-key", "not-a-key"}));
  EXPECT_EQ(refused.exit_code, ToInt(ExitCode::kAuth)) << refused.output;
  EXPECT_NE(refused.output.find("could not read the users from"), std::string::npos)
      << refused.output;
  EXPECT_NE(refused.output.find("no entry was written"), std::string::npos) << refused.output;
  auto db = Probe();
  EXPECT_EQ(TotalRows(*db), 0);
  EXPECT_EQ(db->Int("SELECT count(*) FROM " + db->Table("gb_runs")), 0);
  // Every query answered but allUsers ("not authorized"), into the destination
  // whose users table exists by now: still no entry without its users.
  ASSERT_TRUE(sim_->SetFaults(R"({"users_not_authorized": true})"));
  ChildExit forbidden = Run(RunArgs(DbUrl(), years_flag_));
  EXPECT_EQ(forbidden.exit_code, ToInt(ExitCode::kAuth)) << forbidden.output;
  EXPECT_NE(forbidden.output.find("You are not authorized to access allUsers"), std::string::npos)
      << forbidden.output;
  EXPECT_EQ(TotalRows(*db), 0);
  EXPECT_EQ(db->Int("SELECT count(*) FROM " + db->Table("gb_runs")), 0);
  // The API failing for good (every request 5xx): unreachable, nothing written.
  ASSERT_TRUE(sim_->SetFaults(R"({"users_not_authorized": false, "error_5xx_share": 1.0})"));
  ChildExit down = Run(RunArgs(DbUrl(), years_flag_));
  EXPECT_EQ(down.exit_code, ToInt(ExitCode::kSourceUnreachable)) << down.output;
  EXPECT_NE(down.output.find("could not read the users from"), std::string::npos) << down.output;
  EXPECT_EQ(TotalRows(*db), 0);
  EXPECT_EQ(db->Int("SELECT count(*) FROM users"), 0);
}

// A dump carries its users; one written before they were dumped does not, and
// is refused (exit 2, saying what to do) unless --users-file names them.
TEST(UserLinksDumpTest, AnOldDumpWithoutUsersNeedsAUsersFile) {
  TempDir dir("gb-userlinks-");
  const std::string dump = dir.File("dump.jsonl");
  ChildExit made = RunLoader({"sim", "dump", "--jsonl", dump, "--scale", "0.005"}, {}, dir.path());
  ASSERT_EQ(made.exit_code, 0) << made.output;
  EXPECT_NE(made.output.find(" users and "), std::string::npos) << made.output;
  std::ifstream in(dump);
  std::ofstream old_dump(dir.File("old.jsonl")), users(dir.File("users.jsonl"));
  int user_lines = 0;
  for (std::string line; std::getline(in, line);) {
    const bool user = line.find("\"__typename\":\"PrivateUser\"") != std::string::npos;
    user_lines += user ? 1 : 0;
    (user ? users : old_dump) << line << "\n";
  }
  old_dump.close();
  users.close();
  ASSERT_GT(user_lines, 0);
  const std::vector<std::string> run = {
      "run",     "--from-file", dir.File("old.jsonl"), "--db", "sqlite:" + dir.File("old.db"),
      "--years", "2016-2026",   "--progress",          "log"};
  ChildExit refused = RunLoader(run, {}, dir.path());
  EXPECT_EQ(refused.exit_code, ToInt(ExitCode::kUsage)) << refused.output;
  EXPECT_NE(refused.output.find("has no users"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("--users-file"), std::string::npos) << refused.output;
  SqliteProbe db(dir.File("old.db"));
  EXPECT_EQ(TotalRows(db), 0);
  std::vector<std::string> with_users = run;
  with_users.insert(with_users.end(), {"--users-file", dir.File("users.jsonl")});
  ChildExit loaded = RunLoader(with_users, {}, dir.path());
  ASSERT_EQ(loaded.exit_code, ToInt(ExitCode::kOk)) << loaded.output;
  EXPECT_GT(TotalRows(db), 0);
  EXPECT_EQ(db.Int("SELECT count(*) FROM users"), user_lines);
  // The same links as a load of the dump itself, which carries the users.
  ChildExit whole = RunLoader({"run", "--from-file", dump, "--db", "sqlite:" + dir.File("new.db"),
                               "--years", "2016-2026", "--progress", "quiet"},
                              {}, dir.path());
  ASSERT_EQ(whole.exit_code, ToInt(ExitCode::kOk)) << whole.output;
  SqliteProbe fresh(dir.File("new.db"));
  const std::string nulled =
      "SELECT count(*) FROM gazelle_timeline_entries WHERE user_id IS NULL AND "
      "json_extract(metadata, '$.unresolved_user_id') IS NOT NULL";
  EXPECT_EQ(db.Int(nulled), fresh.Int(nulled));
  EXPECT_LT(fresh.Int(nulled), TotalRows(fresh) / 10) << "only the unknown users' entries";
}

INSTANTIATE_TEST_SUITE_P(Destinations, UserLinksTest,
                         ::testing::Values(UserLinksTarget::kSqlite, UserLinksTarget::kPostgres),
                         UserLinksTargetName);

}  // namespace
}  // namespace gb::test
