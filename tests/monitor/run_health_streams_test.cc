// `watch` with the other streams (clients, pianos, ...): each listed with its
// count planned, done, rate and status, in the terminal frame, the JSON
// document (and so the page) and the metrics; the total covers them all.
#include <gtest/gtest.h>

#include <sstream>

#include "health_fixture.h"
#include "monitor/dashboard.h"
#include "monitor/metrics.h"
#include "monitor/status_json.h"

namespace gb {
namespace {

using testing::kT0;
using testing::RunningStatus;

// RunningStatus's run with two more units: clients (400, all loaded) and
// pianos (556, `pianos_done` loaded).
DbStatus WithStreams(int64_t now, int64_t pianos_done) {
  DbStatus s = RunningStatus(now, 1000);
  s.units.push_back(UnitRow{2, "clients", "done", "", std::nullopt, "", 400, now, "clients", 400});
  s.units.push_back(UnitRow{3, "pianos", "running", "host:42:abcd", now + 60, "c9", pianos_done,
                            now, "pianos", 556});
  s.stream_counters["clients"] = Counts{.inserted = 398, .repaired = 2, .unlinked = 2};
  s.stream_counters["pianos"] = Counts{.inserted = pianos_done};
  return s;
}

Health Sampled() {
  RunHealth health;
  health.Add(0, WithStreams(kT0, 100), "sqlite:gazelle.db");
  health.Add(10, WithStreams(kT0 + 10, 300), "sqlite:gazelle.db");
  return health.Current();
}

TEST(RunHealthStreamsTest, EachStreamHasItsPlannedCountDoneRateAndState) {
  Health h = Sampled();
  ASSERT_EQ(h.streams.size(), 2u);
  const YearHealth& clients = h.streams[0];
  EXPECT_EQ(clients.stream, "clients");
  EXPECT_EQ(clients.expected, 400);
  EXPECT_EQ(clients.done(), 400);
  EXPECT_EQ(clients.state, HealthState::kDone);
  const YearHealth& pianos = h.streams[1];
  EXPECT_EQ(pianos.stream, "pianos");
  EXPECT_EQ(pianos.done(), 300);
  EXPECT_EQ(pianos.state, HealthState::kRunning);
  EXPECT_NEAR(pianos.rate, 20.0, 0.01);
  ASSERT_TRUE(pianos.eta.has_value());
  EXPECT_EQ(pianos.eta->count(), 13);  // 256 left at 20/s
}

TEST(RunHealthStreamsTest, TheTotalCoversTheYearsAndTheStreams) {
  Health h = Sampled();
  EXPECT_EQ(h.total.expected, 28313 + 26034 + 400 + 556);
  EXPECT_EQ(h.total.done(), 1000 + 400 + 300);
  ASSERT_EQ(h.years.size(), 2u);  // the streams are not years
}

TEST(RunHealthStreamsTest, AStreamNotReachedYetIsQueued) {
  RunHealth health;
  DbStatus s = WithStreams(kT0, 0);
  s.stream_counters.erase("pianos");
  health.Add(0, s, "sqlite:gazelle.db");
  EXPECT_EQ(health.Current().streams[1].state, HealthState::kNotStarted);
}

TEST(RunHealthStreamsTest, JsonListsTheStreamsByName) {
  auto doc = StatusJson(Sampled());
  ASSERT_EQ(doc["streams"].size(), 2u);
  EXPECT_EQ(doc["streams"][0]["stream"], "clients");
  EXPECT_TRUE(doc["streams"][0]["year"].is_null());
  EXPECT_EQ(doc["streams"][0]["state"], "done");
  EXPECT_EQ(doc["streams"][0]["repaired"], 2);
  EXPECT_EQ(doc["streams"][1]["done"], 300);
  EXPECT_EQ(doc["streams"][1]["expected"], 556);
  EXPECT_TRUE(doc["years"][0]["stream"].is_null());
}

TEST(RunHealthStreamsTest, TheFrameHasARowPerYearAndPerStreamThenTheTotal) {
  std::ostringstream sink;
  Terminal plain{sink, TerminalCaps{false, false}};
  std::string text = RenderDashboardText(Sampled(), 120, 40, plain);
  const size_t year = text.find("timeline 2024");
  const size_t clients = text.find("clients ");
  const size_t pianos = text.find("pianos ");
  const size_t total = text.find("Total");
  ASSERT_NE(year, std::string::npos) << text;
  ASSERT_NE(clients, std::string::npos) << text;
  ASSERT_NE(pianos, std::string::npos) << text;
  EXPECT_LT(year, clients);
  EXPECT_LT(clients, pianos);
  EXPECT_LT(pianos, total);
  EXPECT_NE(text.find("Stream"), std::string::npos) << text;
}

TEST(RunHealthStreamsTest, MetricsCarryAStreamLabel) {
  std::string metrics = FormatMetrics(Sampled(), ApiStats{});
  EXPECT_NE(metrics.find("{stream=\"pianos\"} 300"), std::string::npos) << metrics;
}

}  // namespace
}  // namespace gb
