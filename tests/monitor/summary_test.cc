#include "monitor/summary.h"

#include <gtest/gtest.h>

#include "monitor/model_fixture.h"
#include "monitor/progress_model.h"

namespace gb {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

Snapshot Finished(std::string state, CountTable totals, bool with_skipped = false) {
  FakeClock clock;
  ProgressModel model(clock);
  model.On(testing::TwoYearRun());
  model.On(RetryScheduled{"api", "429 Too Many Requests", 1, seconds(1), clock.Now()});
  model.On(RetryScheduled{"api", "429 Too Many Requests", 2, seconds(2), clock.Now()});
  if (with_skipped) totals[{2022, "INVOICE"}].skipped = 12;
  RunFinished end;
  end.state = std::move(state);
  end.elapsed = milliseconds(245000);
  end.totals = std::move(totals);
  model.On(end);
  return model.snapshot();
}

TEST(Summary, YearTable) {
  CountTable totals;
  totals[{2023, "INVOICE"}] = Counts{.inserted = 28313};
  totals[{2024, "INVOICE"}] =
      Counts{.inserted = 26000, .updated = 10, .repaired = 20, .rejected = 4};
  EXPECT_EQ(FormatYearTable(Finished("done_with_rejects", totals, true)),
            "Year     Expected     Loaded   Repaired   Rejected    Skipped       Done\n"
            "2023       28,313     28,313          0          0          0       100%\n"
            "2024       26,034     26,010         20          4          0       100%\n"
            "Other           –          0          0          0         12          –\n"
            "Total      54,347     54,323         20          4         12       100%\n");
}

TEST(Summary, OverallWithRetriesAndRejects) {
  CountTable totals;
  totals[{2023, "INVOICE"}] = Counts{.inserted = 28313};
  totals[{2024, "INVOICE"}] = Counts{.inserted = 26030, .rejected = 4};
  EXPECT_EQ(FormatOverallSummary(Finished("done_with_rejects", totals)),
            "done, with rejects in 4m 05s: 54,347 of 54,347 entries (54,343 new, 0 updated, "
            "0 unchanged), 0 repaired, 4 rejected, 0 skipped · 222 e/s on average\n"
            "2 retries: api: 429 Too Many Requests ×2\n"
            "Rejected rows are kept with their reason: `gazelle-backfill rejects list`.\n");
}

TEST(Summary, StoppedRunCarriesTheEnginesAdvice) {
  FakeClock clock;
  ProgressModel model(clock);
  model.On(testing::TwoYearRun());
  RunFinished end;
  end.state = "stopped";
  end.reason = "Stopped by Ctrl+C. Run the same command again to resume.";
  model.On(end);
  std::string text = FormatOverallSummary(model.snapshot());
  EXPECT_EQ(text.rfind("stopped (resumable) in 0s: 0 of 54,347 entries", 0), 0u) << text;
  EXPECT_NE(text.find("Run the same command again to resume.\n"), std::string::npos);
}

TEST(Summary, ProfileSharesPerPhase) {
  FakeClock clock;
  ProgressModel model(clock);
  model.On(TimeSpent{"api", std::chrono::microseconds(3'000'000)});
  model.On(TimeSpent{"database", std::chrono::microseconds(1'000'000)});
  EXPECT_EQ(FormatProfile(model.snapshot()),
            "Time per phase (summed over all streams):\n"
            "  api               3.0 s  75.0%\n"
            "  database          1.0 s  25.0%\n");
}

TEST(Summary, StateLabels) {
  EXPECT_EQ(StateLabel("done"), "done");
  EXPECT_EQ(StateLabel("complete_already"), "already complete");
  EXPECT_EQ(StateLabel("stopped"), "stopped (resumable)");
}

// The other streams in load order (as watch lists them), not by name.
TEST(FormatStreamTable, StreamsInLoadOrder) {
  Snapshot s;
  s.streams["events"] = YearProgress{true, 6635, Counts{.inserted = 6635}};
  s.streams["pianos"] = YearProgress{true, 1100, Counts{.inserted = 1000}};
  const std::string table = FormatStreamTable(s);
  ASSERT_NE(table.find("pianos"), std::string::npos) << table;
  EXPECT_LT(table.find("pianos"), table.find("events")) << table;
  EXPECT_NE(table.find(" 90%"), std::string::npos) << table;  // percentages round down
}

}  // namespace
}  // namespace gb
