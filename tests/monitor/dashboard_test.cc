#include "monitor/dashboard.h"

#include <gtest/gtest.h>

#include <sstream>

#include "health_fixture.h"
#include "monitor/format.h"

namespace gb {
namespace {

using testing::kT0;
using testing::RunningStatus;

class DashboardTest : public ::testing::Test {
 protected:
  Health Running() {
    RunHealth health;
    health.Add(0, RunningStatus(kT0, 1000), "sqlite:gazelle.db");
    health.Add(10, RunningStatus(kT0 + 10, 6000), "sqlite:gazelle.db");
    return health.Current();
  }
  std::ostringstream sink_;
  Terminal plain_{sink_, TerminalCaps{false, false}};
  Terminal colour_{sink_, TerminalCaps{true, true}};
};

TEST_F(DashboardTest, ShowsRunTotalsAYearRowPerYearAndTheLatestEntries) {
  std::string text = RenderDashboardText(Running(), 120, 40, plain_);
  EXPECT_NE(text.find("gazelle-backfill watch · sqlite:gazelle.db"), std::string::npos) << text;
  EXPECT_NE(text.find("Run #3 · running · started "), std::string::npos) << text;
  EXPECT_NE(text.find("uptime 1m 10s"), std::string::npos) << text;
  EXPECT_NE(text.find("this run: 6,000 of 54,347 (11%) · 500 e/s"), std::string::npos) << text;
  EXPECT_NE(text.find("Status: running"), std::string::npos) << text;
  EXPECT_NE(text.find("2024      26,034     6,000   23%  [##........]     500 e/s       41s"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("not started — queued"), std::string::npos) << text;
  EXPECT_NE(text.find("Total"), std::string::npos) << text;
  EXPECT_NE(text.find("tme_0123456789abcdef0123  SERVICE_ENTRY_MANUAL"), std::string::npos) << text;
  EXPECT_NE(text.find("host:42:abcd"), std::string::npos) << text;
  EXPECT_NE(text.find("heartbeat 0s ago"), std::string::npos) << text;
}

TEST_F(DashboardTest, EveryLineFitsTheWidthAndTheFrameTheHeight) {
  Health h = Running();
  for (int width : {40, 80, 103, 104, 160}) {
    for (int height : {5, 12, 24, 60}) {
      auto lines = RenderDashboard(h, width, height, plain_);
      EXPECT_LE(lines.size(), static_cast<size_t>(height)) << width << "x" << height;
      for (const auto& line : lines) {
        EXPECT_LT(DisplayWidth(line), static_cast<size_t>(width)) << line;
      }
    }
  }
}

TEST_F(DashboardTest, NarrowLayoutDropsTheBarButKeepsTheStatus) {
  std::string text = RenderDashboardText(Running(), 100, 40, plain_);
  EXPECT_EQ(text.find("[##"), std::string::npos) << text;
  EXPECT_NE(text.find("running"), std::string::npos) << text;
}

TEST_F(DashboardTest, ShortScreenDropsOptionalSectionsFirst) {
  auto lines = RenderDashboard(Running(), 120, 11, plain_);
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  EXPECT_NE(text.find("2023"), std::string::npos) << text;
  EXPECT_EQ(text.find("Latest entries"), std::string::npos) << text;
}

TEST_F(DashboardTest, NoEscapeCodesWithoutColourAndColouredStatusWithIt) {
  std::string plain = RenderDashboardText(Running(), 120, 40, plain_);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  std::string coloured = RenderDashboardText(Running(), 120, 40, colour_);
  EXPECT_NE(coloured.find("\x1b[32mrunning"), std::string::npos) << coloured;
}

TEST_F(DashboardTest, StalledYearShowsItsReason) {
  RunHealth health;
  DbStatus s = RunningStatus(kT0, 5000);
  s.now = kT0 + 9;
  health.Add(0, s, "sqlite:gazelle.db");
  std::string text = RenderDashboardText(health.Current(), 140, 40, plain_);
  EXPECT_NE(text.find("stalled — no heartbeat for 9s"), std::string::npos) << text;
}

TEST_F(DashboardTest, BeforeAnyRunItSaysSo) {
  RunHealth health;
  DbStatus s;
  s.tables_exist = false;
  s.now = kT0;
  health.Add(0, s, "sqlite:gazelle.db");
  std::string text = RenderDashboardText(health.Current(), 100, 40, plain_);
  EXPECT_NE(text.find("Status: not started — no run yet (no bookkeeping tables)"),
            std::string::npos)
      << text;
}

TEST_F(DashboardTest, SummaryListsEachYear) {
  std::string text = FormatWatchSummary(Running());
  EXPECT_NE(text.find("Run #3: running"), std::string::npos) << text;
  EXPECT_NE(text.find("2024: 6,000 of 26,034 · running"), std::string::npos) << text;
}

}  // namespace
}  // namespace gb
