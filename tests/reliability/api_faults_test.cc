// The API misbehaving mid-run, through the simulator's fault switches: 20%
// 5xx, a 429 storm with Retry-After, hanging requests, truncated JSON, every
// token expiring (OAuth refresh), a refresh that fails (clear error, exit 4,
// resumable), and new entries arriving at the top while the run pages.
#include "reliability/reliability_fixture.h"

namespace gb::test {
namespace {

using namespace std::chrono_literals;

struct ApiFault {
  std::string name;         // the table's row
  std::string test_name;    // gtest's
  std::string faults_json;  // switched on mid-run (FaultOptions' names)
  bool expire_tokens = false;
  std::string stat;  // the simulator's counter that proves the fault hit
  std::string watch_says;
  bool fast = false;  // also in the fast subset
};

std::vector<ApiFault> ApiFaults() {
  std::vector<ApiFault> all = {
      {"API: 20% 5xx", "Errors5xx", R"({"error_5xx_share": 0.2})", false, "errors_5xx",
       "waiting on the API", false},
      {"API: 429 storm with Retry-After", "RateLimitStorm", R"({"rps_limit": 1})", false,
       "rate_limited", "429", true},
      {"API: requests hang (3 s each)", "Hangs", R"({"hang_share": 1.0, "hang_ms": 3000})", false,
       "hangs", "waiting on the API", false},
      {"API: truncated JSON (30%)", "TruncatedJson", R"({"truncate_share": 0.3})", false,
       "truncated", "waiting on the API", false},
      {"API: token expires mid-run (refresh)", "TokenExpiry", "{}", true, "token_refreshes",
       "running", false},
  };
  std::vector<ApiFault> chosen;
  for (auto& f : all) {
    if (f.fast || FullMatrix()) chosen.push_back(f);
  }
  return chosen;
}

class ApiFaultsTest : public ReliabilityTest, public ::testing::WithParamInterface<ApiFault> {};
class ApiFaultsTestFull : public ReliabilityTest, public ::testing::WithParamInterface<int> {};

// The fault is on for a few seconds mid-run (long enough for the simulator's
// counter to move and for watch to show it), then off; the run ends exact.
TEST_P(ApiFaultsTest, RunEndsExact) {
  const ApiFault& fault = GetParam();
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  auto child = StartMidRun(args);
  ASSERT_TRUE(child);
  const int64_t before = sim_->Stat(fault.stat);
  ASSERT_TRUE(sim_->SetFaults(fault.faults_json));
  if (fault.expire_tokens) {
    ASSERT_TRUE(sim_->ExpireTokens());
  }
  const std::string watch = TimeForWatch(url(), Says(fault.watch_says), 8s);
  EXPECT_TRUE(WaitUntil(30s, [&] { return sim_->Stat(fault.stat) > before || !child->Running(); }));
  EXPECT_GT(sim_->Stat(fault.stat), before) << "the fault never hit";
  ASSERT_TRUE(sim_->SetFaults(
      R"({"error_5xx_share": 0, "rps_limit": 0, "hang_share": 0, "truncate_share": 0})"));
  int runs = 1;
  const bool ended = FinishWithReruns(*child, args, &runs);
  Record(fault.name, db, runs, ended, watch);
}

INSTANTIATE_TEST_SUITE_P(Faults, ApiFaultsTest, ::testing::ValuesIn(ApiFaults()),
                         [](const auto& info) { return info.param.test_name; });

// The OAuth refresh fails while every token has expired: the loader stops
// with a clear error (exit 5) and the run is resumable; once the identity
// provider is back, the same command finishes the job.
TEST_P(ApiFaultsTestFull, TokenRefreshFails) {
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  auto child = StartMidRun(args);
  ASSERT_TRUE(child);
  ASSERT_TRUE(sim_->SetFaults(R"({"refresh_fails": true})"));
  ASSERT_TRUE(sim_->ExpireTokens());
  ChildExit stopped = child->Wait(120s);
  // The token endpoint answers 503: after its retries the loader stops,
  // resumable (4), or reports the credentials (5).
  EXPECT_TRUE(stopped.exit_code == ToInt(ExitCode::kStopped) ||
              stopped.exit_code == ToInt(ExitCode::kAuth))
      << stopped.output;
  EXPECT_NE(stopped.output.find("token"), std::string::npos) << stopped.output;
  EXPECT_NE(stopped.output.find("rerun the same command"), std::string::npos) << stopped.output;
  EXPECT_EQ(stopped.output.find(sim_->client_secret()), std::string::npos);
  const std::string watch = TimeForWatch(url(), [](int code, const std::string& line) {
    return code == ToInt(ExitCode::kCheckFailed) && line.find("token") != std::string::npos;
  });
  ASSERT_TRUE(sim_->SetFaults(R"({"refresh_fails": false})"));
  int runs = 1;
  const bool ended = RerunToEnd(args, &runs);
  Record("API: token refresh fails (exit 4, resumable)", db, runs, ended, watch);
}

// New entries arrive at the top while the run pages (20 a second): offsets
// shift, so a page may re-read a few rows (upserts: harmless, counted as
// unchanged); nothing of the requested years is lost or doubled, and the
// counters still equal what the units fetched.
TEST_P(ApiFaultsTestFull, NewEntriesArriveAtTheTop) {
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  auto child = StartMidRun(args);
  ASSERT_TRUE(child);
  ASSERT_TRUE(sim_->SetFaults(R"({"new_entries_per_second": 20})"));
  const std::string watch = TimeForWatch(url(), Says("running"));
  int runs = 1;
  const bool ended = FinishWithReruns(*child, args, &runs);
  EXPECT_GT(sim_->Stat("arrived"), 0);
  const int64_t run = LatestRunId(db);
  const int64_t fetched = db.Int(
      "SELECT sum(fetched) FROM gazelle_backfill.gb_units WHERE run_id = " + std::to_string(run));
  EXPECT_GE(fetched, truth_.fetched);
  EXPECT_EQ(CountersOf(db, run, std::nullopt).sum(), fetched)
      << "loaded + repaired + rejected + skipped must equal fetched";
  EXPECT_EQ(db.Int("SELECT count(*) FROM gazelle_backfill.gb_units WHERE run_id = " +
                   std::to_string(run) + " AND state <> 'done'"),
            0);
  Record("API: new entries arrive at the top (20/s)", db, runs, ended, watch, {}, false);
}

// Full matrix only (GB_RELIABILITY=full): these faults are also covered by
// tests/integration, or take long.
INSTANTIATE_TEST_SUITE_P(Full, ApiFaultsTestFull, ::testing::ValuesIn(FullOnly()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ApiFaultsTestFull);

}  // namespace
}  // namespace gb::test
