#include "monitor/status_line.h"

#include <gtest/gtest.h>

#include "monitor/format.h"
#include "monitor/model_fixture.h"
#include "monitor/progress_model.h"

namespace gb {
namespace {

using std::chrono::seconds;

// 2024 at 12,345/26,034 after 4 s at a steady pace, 2 repaired.
Snapshot Running(FakeClock& clock) {
  ProgressModel model(clock);
  model.On(testing::TwoYearRun());
  clock.Advance(seconds(2));
  model.On(testing::Batch(2024, 6000, 2));
  clock.Advance(seconds(2));
  model.On(testing::Batch(2024, 6343));
  return model.snapshot();
}

TEST(FormatStatusLine, WideShowsEverything) {
  FakeClock clock;
  Snapshot s = Running(clock);
  EXPECT_EQ(FormatStatusLine(s, 200),
            "[2024] 12,345/26,034 47% · all 12,345/54,347 22% · 3,086 e/s · ETA 14s · "
            "2 repaired · 0 rejected");
}

// The other streams as one figure beside the timeline's; alone, in the head.
TEST(FormatStatusLine, TheOtherStreamsHaveTheirOwnFigure) {
  FakeClock clock;
  Snapshot s = Running(clock);
  s.streams["clients"].planned = true;
  s.streams["clients"].expected = 400;
  s.streams["clients"].counts.inserted = 400;
  s.streams["pianos"].planned = true;
  s.streams["pianos"].expected = 556;
  s.streams["pianos"].counts.inserted = 100;
  EXPECT_NE(FormatStatusLine(s, 200).find(" · streams 500/956 52% · "), std::string::npos)
      << FormatStatusLine(s, 200);
  s.years.clear();
  EXPECT_EQ(FormatStatusLine(s, 200).rfind("[streams 500/956 52%]", 0), 0u)
      << FormatStatusLine(s, 200);
}

TEST(FormatStatusLine, NeverWiderThanWidthMinusOne) {
  FakeClock clock;
  Snapshot s = Running(clock);
  for (int width : {200, 80, 60, 40, 30, 20, 10, 2}) {
    std::string line = FormatStatusLine(s, width);
    EXPECT_LE(DisplayWidth(line), static_cast<size_t>(width - 1)) << width << ": " << line;
  }
  EXPECT_EQ(FormatStatusLine(s, 1), "");
  EXPECT_EQ(FormatStatusLine(s, 0), "");
}

TEST(FormatStatusLine, NarrowKeepsTheMostImportantSegments) {
  FakeClock clock;
  Snapshot s = Running(clock);
  EXPECT_EQ(FormatStatusLine(s, 80),
            "[2024] 12,345/26,034 47% · all 12,345/54,347 22% · 3,086 e/s · ETA 14s");
  EXPECT_EQ(FormatStatusLine(s, 40), "[2024] 12,345/26,034 47% · 3,086 e/s");
  EXPECT_EQ(FormatStatusLine(s, 20), "[2024] 12,345/26,03");
}

TEST(FormatStatusLine, ShowsAWaitAndRetries) {
  FakeClock clock;
  ProgressModel model(clock);
  model.On(testing::TwoYearRun());
  model.On(testing::Batch(2023, 100));
  model.On(RetryScheduled{"api", "429 Too Many Requests", 1, seconds(7), clock.Now() + seconds(7)});
  EXPECT_EQ(
      FormatStatusLine(model.snapshot(), 200),
      "[2023] 100/28,313 0% · retry in 7s: 429 Too Many Requests · all 100/54,347 0% · 0 e/s · "
      "ETA – · 0 repaired · 0 rejected · 1 retries");
}

TEST(FormatStatusLine, BeforeThePlanAndAfterTheEnd) {
  FakeClock clock;
  ProgressModel model(clock);
  EXPECT_EQ(FormatStatusLine(model.snapshot(), 80), "Planning…");
  model.On(testing::TwoYearRun());
  EXPECT_EQ(FormatStatusLine(model.snapshot(), 200),
            "[all] 0/54,347 0% · 0 e/s · ETA – · 0 repaired · 0 rejected");
  RunFinished end;
  end.state = "stopped";
  end.elapsed = std::chrono::milliseconds(245000);
  model.On(end);
  EXPECT_EQ(FormatStatusLine(model.snapshot(), 200),
            "[stopped] 0/54,347 0% · 4m 05s · 0 repaired · 0 rejected");
}

}  // namespace
}  // namespace gb
