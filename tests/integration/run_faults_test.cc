// `gazelle-backfill run` when things go wrong: the business's old table with
// its 8-value CHECK (rows it refuses are kept as rejects with SQLSTATE 23514,
// and loaded + repaired + rejected + skipped = fetched), and faults injected
// mid-run through the simulator's admin endpoint (a 429 storm with
// Retry-After, hanging requests, 20% 5xx, every token expired -> OAuth
// refresh) after which the run still ends exact and the refreshed token is on
// disk with mode 0600.
#include <sys/stat.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "core/exit_code.h"
#include "integration/loader_fixture.h"
#include "support/legacy_table.h"

namespace gb::test {
namespace {

class RunFaultsTest : public LoaderTest {
 protected:
  int64_t Committed() {
    PgProbe db(this->db());
    if (db.Int("SELECT count(*) FROM pg_tables WHERE tablename = 'gb_units'") == 0) return 0;
    return db.Int("SELECT coalesce(sum(fetched), 0) FROM gazelle_backfill.gb_units");
  }

  // Waits until the simulator's counter `stat` reaches `at_least` while the
  // loader runs; false (with a failure) when the loader ended first.
  bool WaitForStat(LoaderProcess& child, const std::string& stat, int64_t at_least) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    while (sim_->Stat(stat) < at_least) {
      if (!child.Running() || std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "the loader ended (or 90 s passed) before " << stat << " reached "
                      << at_least << " (it is " << sim_->Stat(stat) << ")";
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  }
};

TEST_F(RunFaultsTest, LegacyCheckConstraintYieldsRejectsWithReasonsAndExactCounters) {
  ASSERT_TRUE(server().Exec(kLegacyTable, db()));
  StartSim();
  const std::vector<int> years = {2023, 2024};
  const SimTruth truth = Truth(years);
  const auto facts = DatasetFacts(kScale);
  std::map<int, int64_t> rejects;
  for (int year : years) rejects[year] = facts.at(year).total - facts.at(year).legacy_type;

  ChildExit run = Run(RunArgs(url(), "2023-2024"));
  EXPECT_EQ(run.exit_code, ToInt(ExitCode::kDoneWithRejects)) << run.output;
  PgProbe db(this->db());
  ExpectExactLoad(db, truth, rejects);
  const int64_t run_id = LatestRunId(db);
  const std::string in_run =
      " FROM gazelle_backfill.gb_rejects WHERE run_id = " + std::to_string(run_id);
  EXPECT_GT(db.Int("SELECT count(*)" + in_run), 0);
  EXPECT_EQ(db.Int("SELECT count(*)" + in_run + " AND sqlstate <> '23514'"), 0);
  EXPECT_EQ(db.Int("SELECT count(*)" + in_run + " AND reason NOT LIKE '%check constraint%'"), 0)
      << db.Value("SELECT reason" + in_run + " LIMIT 1");
  EXPECT_EQ(db.Int("SELECT count(*)" + in_run +
                   " AND position(external_id in raw) = 0 AND raw NOT LIKE '%tme_%'"),
            0)
      << "the raw API node is kept";
  EXPECT_EQ(db.Int("SELECT count(*)" + in_run +
                   " AND type IN ('SERVICE_ENTRY_MANUAL', 'SERVICE_ENTRY_AUTOMATED', "
                   "'APPOINTMENT', 'PIANO_MEASUREMENT', 'INVOICE')"),
            0)
      << "only types outside the old CHECK are refused";
  EXPECT_EQ(db.Value("SELECT title FROM gazelle_timeline_entries WHERE external_id = "
                     "'old_import_1'"),
            "kept");
  EXPECT_NE(run.output.find("reject"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("the users table had no last_name, email, access_level, status, "
                            "updated_at column(s): added them"),
            std::string::npos)
      << run.output;
  EXPECT_GT(db.Int("SELECT count(*) FROM users WHERE last_name IS NOT NULL"), 0);
  int64_t rejected = 0;
  for (const auto& [year, n] : rejects) rejected += n;
  std::cout << "[figures] legacy CHECK: " << TotalRows(db) - 1 << " rows loaded, " << rejected
            << " rejected (23514)\n";
}

TEST_F(RunFaultsTest, FaultsInjectedMidRunStillEndExactAndTheRefreshedTokenIsOnDisk) {
  // Some latency so the load lasts long enough to switch faults while it runs.
  StartSim({"--latency-ms", "60"});
  const std::vector<int> years = {2019, 2020, 2021, 2022, 2023, 2024};
  const SimTruth truth = Truth(years);
  const auto original = nlohmann::json::parse(ReadFile(token_file_));
  LoaderProcess child(RunArgs(url(), "2019-2024", {"--batch-size", "100", "--concurrency", "3"}),
                      Env(), dir_.path());
  // Mid-run: once the first batches are committed.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (child.Running() && Committed() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(child.Running()) << child.Kill9().output;

  // A 429 storm: far fewer requests per second allowed than the streams make.
  ASSERT_TRUE(sim_->SetFaults(R"({"rps_limit": 2})"));
  WaitForStat(child, "rate_limited", 12);
  // Hanging requests (held 3 s, then a gateway timeout).
  ASSERT_TRUE(sim_->SetFaults(R"({"rps_limit": 0, "hang_share": 1.0, "hang_ms": 3000})"));
  WaitForStat(child, "hangs", 3);
  // 20% of the requests fail with 500/502/503, to the end of the run.
  ASSERT_TRUE(sim_->SetFaults(R"({"hang_share": 0, "error_5xx_share": 0.2})"));
  WaitForStat(child, "errors_5xx", 2);
  // Every access token expires: 401, refresh with the OAuth client, replay.
  ASSERT_TRUE(sim_->ExpireTokens());
  WaitForStat(child, "token_refreshes", 1);

  ChildExit end = child.Wait();
  ASSERT_EQ(end.exit_code, ToInt(ExitCode::kOk)) << end.output;
  PgProbe db(this->db());
  ExpectExactLoad(db, truth);
  EXPECT_GT(sim_->Stat("unauthorized"), 0);
  // The log says what was retried and why, and that the token was refreshed.
  EXPECT_NE(end.output.find("429"), std::string::npos) << end.output;
  EXPECT_NE(end.output.find("Retry "), std::string::npos);
  EXPECT_NE(end.output.find("Access token refreshed"), std::string::npos);

  // The refreshed token is on disk, readable only by its owner.
  struct stat st {};
  ASSERT_EQ(stat(token_file_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  const auto refreshed = nlohmann::json::parse(ReadFile(token_file_), nullptr, false);
  ASSERT_TRUE(refreshed.is_object());
  EXPECT_NE(refreshed.value("access_token", ""), original["access_token"].get<std::string>());
  EXPECT_FALSE(refreshed.value("refresh_token", "").empty());
  // No secret reaches the output.
  for (const std::string& secret :
       {original["access_token"].get<std::string>(), refreshed.value("access_token", "x"),
        refreshed.value("refresh_token", "x"), sim_->client_secret()}) {
    EXPECT_EQ(end.output.find(secret), std::string::npos) << "a secret was printed";
  }
  std::cout << "[figures] faults: " << TotalRows(db) << " rows; 429: " << sim_->Stat("rate_limited")
            << ", hangs: " << sim_->Stat("hangs") << ", 5xx: " << sim_->Stat("errors_5xx")
            << ", 401: " << sim_->Stat("unauthorized")
            << ", token refreshes: " << sim_->Stat("token_refreshes") << "\n";
}

}  // namespace
}  // namespace gb::test
