#include "monitor/log_lines.h"

#include <gtest/gtest.h>

#include "monitor/model_fixture.h"
#include "monitor/progress_model.h"

namespace gb {
namespace {

using std::chrono::seconds;

TEST(FormatLogLines, RunStartedShowsThePlan) {
  FakeClock clock;
  ProgressModel model(clock);
  RunStarted start = testing::TwoYearRun();
  start.resumed = true;
  start.done_before[{2024, "INVOICE"}] = Counts{.inserted = 1200};
  model.On(start);
  EXPECT_EQ(FormatLogLines(start, model.snapshot()),
            (std::vector<std::string>{
                "Run 7 resumed → sqlite:gazelle.db (worker host:42:abcd)",
                "Plan: 54,347 entries in 2 years · 28 streams, 4 at a time",
                "  2023     28,313 expected",
                "  2024     26,034 expected (1,200 already loaded)",
            }));
}

TEST(FormatLogLines, RunStartedSaysWhyBatchesAreBiggerForAFarDatabase) {
  FakeClock clock;
  ProgressModel model(clock);
  RunStarted start = testing::TwoYearRun();
  start.batch_size = 5000;
  start.far_round_trip = std::chrono::milliseconds(21);
  model.On(start);
  const auto lines = FormatLogLines(start, model.snapshot());
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[2],
            "The database answers in 21 ms: batches of 5,000 rows, fewer round trips per row "
            "(--batch-size sets them)");
}

TEST(FormatLogLines, BatchLineHasTheOldScriptsInformation) {
  FakeClock clock;
  ProgressModel model(clock, {.batch_size = 500});
  model.On(testing::TwoYearRun());
  clock.Advance(seconds(2));
  model.On(testing::Batch(2024, 500));
  BatchCommitted batch = testing::Batch(2024, 478, 2, 1);
  batch.counts[{2024, "SERVICE_ENTRY_MANUAL"}].updated = 15;
  batch.counts[{2024, "SERVICE_ENTRY_MANUAL"}].unchanged = 4;
  model.On(batch);
  EXPECT_EQ(
      FormatLogLines(batch, model.snapshot()),
      (std::vector<std::string>{
          "Batch 2/109 | Entries 501–1,000/54,347 (1.8%) | 478 new, 15 updated, 4 unchanged | "
          "total 1,000 | 2 repaired, 1 rejected | 500 e/s | type:SERVICE_ENTRY_MANUAL"}));
}

TEST(FormatLogLines, BatchLineCountsRowsOutsideTheYearsAsSkipped) {
  FakeClock clock;
  ProgressModel model(clock);
  model.On(testing::TwoYearRun());
  BatchCommitted batch = testing::Batch(2023, 300, 0, 0, 2022, 200);
  model.On(batch);
  EXPECT_EQ(FormatBatchLine(batch, model.snapshot()),
            "Batch 1/110 | Entries 1–300/54,347 (0.5%) | 300 new, 0 updated, 0 unchanged | "
            "total 300 | 0 repaired, 0 rejected | 200 outside the years, skipped | 0 e/s | "
            "type:SERVICE_ENTRY_MANUAL");
}

TEST(FormatLogLines, RetriesSplitsRejectsTokensStreamsWarnings) {
  FakeClock clock;
  ProgressModel model(clock);
  Snapshot s = model.snapshot();
  RetryScheduled retry{"api", "429 Too Many Requests", 3, seconds(4), clock.Now() + seconds(4)};
  std::string line = FormatLogLines(retry, s).at(0);
  EXPECT_EQ(line.rfind("Retry api (attempt 3) in 4s: 429 Too Many Requests — until ", 0), 0u)
      << line;
  EXPECT_EQ(FormatLogLines(BatchSplit{"u", 500, "check violation"}, s).at(0),
            "Batch of 500 rows failed (check violation); isolating the bad rows");
  EXPECT_EQ(FormatLogLines(
                RowRejected{"u", "tme_00000000000000000001", 2024, "23514", "violates check"}, s)
                .at(0),
            "Rejected tme_00000000000000000001 (2024) [23514]: violates check — kept in the "
            "rejects table");
  EXPECT_EQ(FormatLogLines(TokenRefreshed{false, {}, "invalid_grant"}, s).at(0),
            "Token refresh failed: invalid_grant");
  EXPECT_EQ(FormatLogLines(SliceDone{"type:INVOICE", 12345}, s).at(0),
            "Stream type:INVOICE finished: 12,345 entries fetched");
  EXPECT_EQ(FormatLogLines(Warning{"slow database"}, s).at(0), "Warning: slow database");
  EXPECT_TRUE(FormatLogLines(PageFetched{"u", 100, {}}, s).empty());
  EXPECT_TRUE(FormatLogLines(RunFinished{}, s).empty());
}

}  // namespace
}  // namespace gb
