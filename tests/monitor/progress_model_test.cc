#include "monitor/progress_model.h"

#include <gtest/gtest.h>

#include "monitor/model_fixture.h"

namespace gb {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::Batch;
using testing::TwoYearRun;

TEST(ProgressModel, FoldsThePlanAndBatchesIntoYearsAndTotals) {
  FakeClock clock;
  ProgressModel model(clock);
  model.On(TwoYearRun());
  model.On(Batch(2024, 480, 15, 5));
  model.On(Batch(2023, 500));
  Snapshot s = model.snapshot();
  ASSERT_TRUE(s.started);
  EXPECT_EQ(s.expected, 28313 + 26034);
  EXPECT_EQ(s.done, 1000);
  EXPECT_EQ(s.years.at(2024).done(), 500);
  EXPECT_EQ(s.years.at(2024).counts.repaired, 15);
  EXPECT_EQ(s.years.at(2024).counts.rejected, 5);
  EXPECT_EQ(s.years.at(2023).counts.inserted, 500);
  EXPECT_EQ(s.totals.repaired, 15);
  EXPECT_EQ(s.batches, 2);
  EXPECT_EQ(s.current_year, 2023);
  EXPECT_EQ(s.units.at("type:SERVICE_ENTRY_MANUAL").committed, 1000);
  EXPECT_EQ(s.newest_id, "tme_0123456789abcdef0123");
}

TEST(ProgressModel, RowsOutsideThePlannedYearsAreSkippedNotDone) {
  FakeClock clock;
  ProgressModel model(clock);
  model.On(TwoYearRun());
  model.On(Batch(2023, 400, 0, 0, 2022, 100));
  Snapshot s = model.snapshot();
  EXPECT_EQ(s.done, 400);
  EXPECT_EQ(s.totals.skipped, 100);
  EXPECT_FALSE(s.years.at(2022).planned);
  EXPECT_EQ(s.years.at(2022).counts.skipped, 100);
  EXPECT_EQ(s.totals.fetched(), 500);
}

TEST(ProgressModel, RateAndEtaFromTheSlidingWindow) {
  FakeClock clock;
  ProgressModel model(clock);
  model.On(TwoYearRun());
  clock.Advance(seconds(1));
  model.On(Batch(2024, 500));
  clock.Advance(seconds(1));
  model.On(Batch(2024, 500));
  Snapshot s = model.snapshot();
  EXPECT_DOUBLE_EQ(s.rate, 500.0);
  ASSERT_TRUE(s.eta.has_value());
  // (54,347 - 1,000) / 500 = 106.7 -> 107 s
  EXPECT_EQ(s.eta->count(), 107);
  EXPECT_DOUBLE_EQ(s.years.at(2024).rate, 500.0);
  EXPECT_EQ(s.years.at(2024).eta->count(), (26034 - 1000 + 499) / 500);
  EXPECT_EQ(s.elapsed, milliseconds(2000));
}

TEST(ProgressModel, RateForgetsOldBatchesAndDropsToZeroWhenStalled) {
  FakeClock clock;
  ProgressModel model(clock, {.window = seconds(10)});
  model.On(TwoYearRun());
  // A fast start, then a steady 100 e/s: the window only sees the recent pace.
  clock.Advance(seconds(1));
  model.On(Batch(2024, 5000));
  for (int i = 0; i < 20; ++i) {
    clock.Advance(seconds(1));
    model.On(Batch(2024, 100));
  }
  EXPECT_NEAR(model.snapshot().rate, 100.0, 0.001);
  clock.Advance(seconds(30));
  Snapshot stalled = model.snapshot();
  EXPECT_EQ(stalled.rate, 0);
  EXPECT_FALSE(stalled.eta.has_value());
}

TEST(ProgressModel, NoRateBeforeHalfASecond) {
  FakeClock clock;
  ProgressModel model(clock);
  model.On(TwoYearRun());
  clock.Advance(milliseconds(100));
  model.On(Batch(2024, 500));
  EXPECT_EQ(model.snapshot().rate, 0);
  EXPECT_FALSE(model.snapshot().eta.has_value());
}

TEST(ProgressModel, ResumeStartsFromWhatWasCommittedBefore) {
  FakeClock clock;
  ProgressModel model(clock);
  RunStarted start = TwoYearRun();
  start.resumed = true;
  start.done_before[{2024, "APPOINTMENT"}] = Counts{.inserted = 20000, .repaired = 34};
  model.On(start);
  clock.Advance(seconds(2));
  model.On(Batch(2024, 1000));
  Snapshot s = model.snapshot();
  EXPECT_EQ(s.done_before, 20034);
  EXPECT_EQ(s.done, 21034);
  EXPECT_EQ(s.years.at(2024).done(), 21034);
  // The rate counts only this process's progress, not the resumed rows.
  EXPECT_DOUBLE_EQ(s.rate, 500.0);
}

TEST(ProgressModel, RetriesAreCountedByReasonAndWaitsExpire) {
  FakeClock clock;
  ProgressModel model(clock);
  model.On(TwoYearRun());
  RetryScheduled retry{"api", "429 Too Many Requests", 1, seconds(5), clock.Now() + seconds(5)};
  model.On(retry);
  retry.attempt = 2;
  model.On(retry);
  model.On(RetryScheduled{"database", "connection lost", 1, seconds(1), clock.Now() + seconds(1)});
  Snapshot s = model.snapshot();
  EXPECT_EQ(s.retries, 3);
  EXPECT_EQ(s.retry_reasons.at("api: 429 Too Many Requests"), 2);
  EXPECT_EQ(s.retry_reasons.at("database: connection lost"), 1);
  ASSERT_EQ(s.waits.size(), 2u);
  clock.Advance(seconds(2));
  s = model.snapshot();
  ASSERT_EQ(s.waits.size(), 1u);
  EXPECT_EQ(s.waits[0].reason, "429 Too Many Requests");
  EXPECT_EQ(s.waits[0].attempt, 2);
  clock.Advance(seconds(4));
  EXPECT_TRUE(model.snapshot().waits.empty());
}

TEST(ProgressModel, EstimatesTheBatchCountFromTheBatchSize) {
  FakeClock clock;
  ProgressModel model(clock, {.batch_size = 500});
  model.On(TwoYearRun());
  model.On(Batch(2024, 500));
  model.On(Batch(2024, 500));
  // 53,347 left at 500 a batch = 107 more.
  EXPECT_EQ(model.snapshot().batches_estimated, 2 + 107);
}

TEST(ProgressModel, PhasesWarningsTokensUnitsAndSplits) {
  FakeClock clock;
  ProgressModel model(clock, {.max_warnings = 2});
  model.On(TwoYearRun());
  model.On(TimeSpent{"api", std::chrono::microseconds(1500)});
  model.On(TimeSpent{"api", std::chrono::microseconds(500)});
  model.On(TimeSpent{"database", std::chrono::microseconds(700)});
  model.On(Warning{"one"});
  model.On(Warning{"two"});
  model.On(Warning{"three"});
  model.On(TokenRefreshed{true, clock.Now(), ""});
  model.On(TokenRefreshed{false, clock.Now(), "refresh rejected"});
  model.On(PageFetched{"type:INVOICE", 100, milliseconds(80)});
  model.On(SliceDone{"type:INVOICE", 100});
  model.On(BatchSplit{"type:INVOICE", 500, "check violation"});
  Snapshot s = model.snapshot();
  EXPECT_EQ(s.phase_time.at("api").count(), 2000);
  EXPECT_EQ(s.phase_time.at("database").count(), 700);
  EXPECT_EQ(s.warnings, (std::vector<std::string>{"three", "refresh rejected"}));
  EXPECT_EQ(s.token_refreshes, 1);
  EXPECT_EQ(s.token_refresh_failures, 1);
  EXPECT_EQ(s.pages, 1);
  EXPECT_EQ(s.units.at("type:INVOICE").fetched, 100);
  EXPECT_TRUE(s.units.at("type:INVOICE").done);
  EXPECT_EQ(s.splits, 1);
}

TEST(ProgressModel, TheEnginesFinalTotalsWin) {
  FakeClock clock;
  ProgressModel model(clock);
  model.On(TwoYearRun());
  model.On(Batch(2024, 500));
  RunFinished end;
  end.state = "done_with_rejects";
  end.exit_code = 3;
  end.elapsed = milliseconds(65000);
  end.totals[{2023, "INVOICE"}] = Counts{.inserted = 28313};
  end.totals[{2024, "INVOICE"}] = Counts{.inserted = 26030, .rejected = 4};
  model.On(end);
  Snapshot s = model.snapshot();
  EXPECT_TRUE(s.finished);
  EXPECT_EQ(s.done, 54347);
  EXPECT_EQ(s.totals.rejected, 4);
  EXPECT_EQ(s.years.at(2024).done(), 26034);
  EXPECT_EQ(s.elapsed, milliseconds(65000));
  EXPECT_EQ(s.exit_code, 3);
  EXPECT_EQ(s.rate, 0);
}

}  // namespace
}  // namespace gb
