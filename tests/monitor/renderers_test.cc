// The renderers end to end on a fake terminal: what reaches the output for a
// small run, and that nothing but a smart terminal gets escape codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "monitor/json_renderer.h"
#include "monitor/line_renderer.h"
#include "monitor/log_renderer.h"
#include "monitor/model_fixture.h"
#include "monitor/progress_mode.h"
#include "monitor/progress_reporter.h"
#include "monitor/terminal.h"

namespace gb {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

std::vector<Event> SmallRun(FakeClock& clock) {
  std::vector<Event> events;
  events.push_back(testing::TwoYearRun());
  events.push_back(PageFetched{"type:INVOICE", 100, milliseconds(30)});
  events.push_back(testing::Batch(2024, 500));
  events.push_back(RetryScheduled{"api", "503 Service Unavailable", 1, seconds(1), clock.Now()});
  events.push_back(RowRejected{"type:INVOICE", "tme_\"quoted\"", 2024, "23514", "bad \xff byte"});
  events.push_back(testing::Batch(2023, 499, 0, 1));
  events.push_back(TimeSpent{"api", std::chrono::microseconds(20)});
  events.push_back(RunFinished{7, 3, "done_with_rejects", "", {}, milliseconds(3000), {}});
  return events;
}

void Render(Renderer& renderer, FakeClock& clock) {
  ProgressModel model(clock);
  ProgressReporter reporter(model, renderer);
  for (const Event& e : SmallRun(clock)) {
    clock.Advance(milliseconds(300));
    reporter.On(e);
  }
  reporter.Close();
}

bool HasEscape(const std::string& s) {
  return s.find('\x1b') != std::string::npos || s.find('\r') != std::string::npos;
}

TEST(Terminal, SmartOnlyOnATtyWithARealTerm) {
  EXPECT_FALSE(DecideTerminal(false, "xterm-256color", nullptr).smart);
  EXPECT_FALSE(DecideTerminal(true, "dumb", nullptr).smart);
  EXPECT_FALSE(DecideTerminal(true, nullptr, nullptr).smart);
  EXPECT_FALSE(DecideTerminal(true, "", nullptr).smart);
  TerminalCaps smart = DecideTerminal(true, "xterm-256color", nullptr);
  EXPECT_TRUE(smart.smart);
  EXPECT_TRUE(smart.color);
}

TEST(Terminal, NoColorKeepsTheLineButDropsColour) {
  TerminalCaps caps = DecideTerminal(true, "xterm", "");
  EXPECT_TRUE(caps.smart);
  EXPECT_FALSE(caps.color);
  std::ostringstream out;
  Terminal terminal(out, caps);
  EXPECT_EQ(terminal.Styled("done", Terminal::Style::kGreen), "done");
  Terminal colour(out, DecideTerminal(true, "xterm", nullptr));
  EXPECT_EQ(colour.Styled("done", Terminal::Style::kGreen), "\x1b[32mdone\x1b[0m");
}

TEST(Terminal, SmartRedrawsInPlaceAndKeepsLinesAbove) {
  std::ostringstream out;
  Terminal terminal(out, {true, false});
  terminal.SetStatus("a");
  terminal.PrintLine("line");
  terminal.SetStatus("b");
  terminal.ClearStatus();
  EXPECT_EQ(out.str(), "\r\x1b[Ka\r\x1b[Kline\na\r\x1b[Kb\r\x1b[K");
}

TEST(Terminal, PlainGetsWholeLines) {
  std::ostringstream out;
  Terminal terminal(out, {false, false});
  terminal.SetStatus("a");
  terminal.PrintLine("line");
  terminal.ClearStatus();
  EXPECT_EQ(out.str(), "a\nline\n");
}

TEST(LineRenderer, PlainTerminalGetsNoEscapeCodesAndWholeLines) {
  FakeClock clock;
  std::ostringstream out;
  Terminal terminal(out, DecideTerminal(false, "xterm", nullptr), [] { return 80; });
  LineRenderer renderer(terminal, clock);
  Render(renderer, clock);
  EXPECT_FALSE(HasEscape(out.str())) << out.str();
  EXPECT_NE(out.str().find("Plan: 54,347 entries in 2 years"), std::string::npos);
  EXPECT_NE(out.str().find("[all] 0/54,347 0%"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("Rejected tme_\"quoted\" (2024)"), std::string::npos);
  EXPECT_EQ(out.str().back(), '\n');
}

TEST(LineRenderer, SmartTerminalRedrawsAtMostEveryInterval) {
  FakeClock clock;
  std::ostringstream out;
  Terminal terminal(out, {true, false}, [] { return 60; });
  LineRenderer renderer(terminal, clock, {.interval = milliseconds(1000)});
  ProgressModel model(clock);
  ProgressReporter reporter(model, renderer);
  reporter.On(testing::TwoYearRun());  // forced draw
  for (int i = 0; i < 10; ++i) {
    clock.Advance(milliseconds(100));
    reporter.On(testing::Batch(2024, 10));
  }
  // One forced draw at the start, one after 1 s: two status draws in total.
  std::string text = out.str();
  size_t draws = 0;
  for (size_t pos = 0; (pos = text.find("\r\x1b[K[", pos)) != std::string::npos; ++pos) ++draws;
  EXPECT_EQ(draws, 2u) << text;
  EXPECT_NE(text.find("[2024] 100/26,034 0%"), std::string::npos) << text;
  reporter.Close();
  EXPECT_TRUE(out.str().ends_with("\r\x1b[K"));
}

TEST(LogRenderer, OneLinePerBatchAndNoEscapeCodes) {
  FakeClock clock;
  std::ostringstream out;
  Terminal terminal(out, {false, false});
  LogRenderer renderer(terminal);
  Render(renderer, clock);
  EXPECT_FALSE(HasEscape(out.str()));
  EXPECT_NE(out.str().find("Batch 1/"), std::string::npos);
  EXPECT_NE(out.str().find("Batch 2/"), std::string::npos);
  EXPECT_NE(out.str().find("Retry api (attempt 1) in 1s: 503 Service Unavailable"),
            std::string::npos);
}

TEST(JsonRenderer, EveryLineIsAJsonObjectWithItsDocumentedFields) {
  FakeClock clock;
  std::ostringstream out;
  JsonRenderer renderer(out, clock);
  Render(renderer, clock);
  std::istringstream lines(out.str());
  std::vector<nlohmann::json> objects;
  for (std::string line; std::getline(lines, line);) {
    ASSERT_TRUE(nlohmann::json::accept(line)) << line;
    objects.push_back(nlohmann::json::parse(line));
  }
  ASSERT_EQ(objects.size(), SmallRun(clock).size());
  for (const auto& o : objects) {
    EXPECT_TRUE(o.contains("event"));
    EXPECT_TRUE(o["time"].get<std::string>().ends_with("Z"));
  }
  EXPECT_EQ(objects[0]["event"], "run_started");
  EXPECT_EQ(objects[0]["expected"]["2024"], 26034);
  EXPECT_EQ(objects[2]["event"], "batch_committed");
  EXPECT_EQ(objects[2]["counts"][0]["year"], 2024);
  EXPECT_EQ(objects[2]["counts"][0]["inserted"], 500);
  EXPECT_EQ(objects[2]["progress"]["done"], 500);
  EXPECT_EQ(objects[2]["progress"]["expected"], 54347);
  EXPECT_EQ(objects[3]["event"], "retry_scheduled");
  EXPECT_EQ(objects[3]["delay_ms"], 1000);
  EXPECT_EQ(objects[4]["external_id"], "tme_\"quoted\"");
  EXPECT_EQ(objects.back()["event"], "run_finished");
  EXPECT_EQ(objects.back()["exit_code"], 3);
  EXPECT_EQ(objects.back()["progress"]["rejected"], 1);
}

TEST(ProgressMode, ParsesAndResolvesAuto) {
  EXPECT_EQ(ParseProgressMode("json"), ProgressMode::kJson);
  EXPECT_FALSE(ParseProgressMode("bar").has_value());
  std::ostringstream out;
  Terminal smart(out, {true, true});
  Terminal plain(out, {false, false});
  EXPECT_EQ(ResolveProgressMode(ProgressMode::kAuto, smart), ProgressMode::kLine);
  EXPECT_EQ(ResolveProgressMode(ProgressMode::kAuto, plain), ProgressMode::kLog);
  EXPECT_EQ(ResolveProgressMode(ProgressMode::kQuiet, smart), ProgressMode::kQuiet);
}

}  // namespace
}  // namespace gb
