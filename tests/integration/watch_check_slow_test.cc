// `watch --check` reads one sample, so "slow" comes from the loader's own
// judgment (engine/pace_judge.h) stored in its worker row: written here through
// the destination's heartbeat, as the loader does, on SQLite and PostgreSQL,
// then read back by the real binary.
#include <gtest/gtest.h>

#include "core/exit_code.h"
#include "integration/loader_process.h"
#include "sink/destination_fixture.h"

namespace gb::test {
namespace {

class WatchCheckSlowTest : public DestinationTest {
 protected:
  // A running run with 6 rows committed for 2024 and its worker beating "slow".
  void StartSlowRun() {
    auto s = Connect();
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->EnsureSchema({}));
    NewRun run;
    run.fingerprint = "fp";
    run.params_json = R"({"years":[2024]})";
    run.expected = {{2024, 20}};
    UnitSpec unit_spec;
    unit_spec.name = "type:A";
    unit_spec.types = {"APPOINTMENT"};
    unit_spec.occurred_at_get = "2024-01-01T00:00:00Z";
    run.units = {unit_spec};
    auto created = s->CreateRun(run);
    ASSERT_TRUE(created) << created.error().message;
    auto unit = s->ClaimUnit(created->id, "w1", std::chrono::seconds(60));
    ASSERT_TRUE(unit && *unit);
    std::vector<Row> rows;
    for (int i = 1; i <= 6; ++i)
      rows.push_back(MakeRow("tme_" + std::to_string(i), 2024, "APPOINTMENT"));
    ASSERT_TRUE(s->Begin());
    auto counts = s->WriteRows(rows);
    ASSERT_TRUE(counts);
    ASSERT_TRUE(
        s->SaveProgress(Checkpoint{created->id, (*unit)->id, "w1", "c6", 6, false}, *counts));
    ASSERT_TRUE(s->Commit());
    WorkerBeat beat{created->id, WorkerId{"host", 42, "w1"}, WorkerState::kSlow,
                    SlowPace(312, 1450)};
    ASSERT_TRUE(s->Heartbeat(beat));
  }

  ChildExit Check(const std::string& lang) {
    return RunLoader({"watch", "--db", url_, "--check"}, {{"LANG", lang}}, dir_.path(),
                     std::chrono::seconds(60));
  }
};

TEST_P(WatchCheckSlowTest, CheckExitsSlowWithTheLoadersReason) {
  StartSlowRun();
  if (HasFatalFailure()) return;
  ChildExit check = Check("C");
  EXPECT_EQ(check.exit_code, ToInt(ExitCode::kCheckSlow)) << check.output;
  EXPECT_EQ(check.output.rfind("slow: run #1 — 312 entries/s, below its recent pace of 1,450 "
                               "entries/s",
                               0),
            0u)
      << check.output;

  ChildExit french = Check("fr_CA.UTF-8");
  EXPECT_EQ(french.exit_code, ToInt(ExitCode::kCheckSlow)) << french.output;
  EXPECT_NE(french.output.find("1\u00a0450"), std::string::npos) << french.output;
  EXPECT_EQ(french.output.find("entries/s"), std::string::npos) << french.output;
}

INSTANTIATE_TEST_SUITE_P(Destinations, WatchCheckSlowTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendName);

}  // namespace
}  // namespace gb::test
