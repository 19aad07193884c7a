#include "monitor/metrics.h"

#include <gtest/gtest.h>

#include "health_fixture.h"

namespace gb {
namespace {

using testing::kT0;
using testing::RunningStatus;

Health MetricsSampled() {
  RunHealth health;
  DbStatus s = RunningStatus(kT0, 1000);
  health.Add(0, s, "sqlite:gazelle.db");
  s = RunningStatus(kT0 + 10, 6000, 0);
  s.counters[2024].repaired = 7;
  s.counters[2024].rejected = 2;
  s.counters[2024].skipped = 3;
  s.last_counter_update = kT0 + 8;
  s.units[0].updated_at = kT0 + 8;
  health.Add(10, s, "sqlite:gazelle.db");
  return health.Current();
}

bool Has(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

TEST(MetricsTest, PerYearCountersRateAndCommitAge) {
  std::string m = FormatMetrics(MetricsSampled(), std::nullopt);
  EXPECT_TRUE(Has(m, "gazelle_backfill_loaded_total{year=\"2024\"} 6000")) << m;
  EXPECT_TRUE(Has(m, "gazelle_backfill_repaired_total{year=\"2024\"} 7")) << m;
  EXPECT_TRUE(Has(m, "gazelle_backfill_rejected_total{year=\"2024\"} 2")) << m;
  EXPECT_TRUE(Has(m, "gazelle_backfill_skipped_total{year=\"2024\"} 3")) << m;
  EXPECT_TRUE(Has(m, "gazelle_backfill_expected{year=\"2023\"} 28313")) << m;
  EXPECT_TRUE(Has(m, "gazelle_backfill_last_commit_age_seconds 2")) << m;
  EXPECT_TRUE(Has(m, "gazelle_backfill_up 1")) << m;
  EXPECT_TRUE(Has(m, "# TYPE gazelle_backfill_loaded_total counter")) << m;
  EXPECT_NE(m.find("gazelle_backfill_rate_total 500.9"), std::string::npos) << m;
  EXPECT_EQ(m.find("api_retries"), std::string::npos) << "watch alone does not know them";
}

TEST(MetricsTest, ApiRetriesFromTheLoadersModel) {
  Snapshot snap;
  snap.retry_reasons = {{"api: 429 Too Many Requests", 4},
                        {"api: 503 Service Unavailable", 1},
                        {"database: connection lost", 2}};
  snap.token_refreshes = 1;
  std::string m = FormatMetrics(MetricsSampled(), ApiStatsFrom(snap));
  EXPECT_TRUE(Has(m, "gazelle_backfill_api_retries_total 5")) << m;
  EXPECT_TRUE(Has(m, "gazelle_backfill_api_rate_limited_total 4")) << m;
  EXPECT_TRUE(Has(m, "gazelle_backfill_database_retries_total 2")) << m;
  EXPECT_TRUE(Has(m, "gazelle_backfill_token_refreshes_total 1")) << m;
}

TEST(MetricsTest, StatusReasonIsAnEscapedLabel) {
  RunHealth health;
  DbStatus s = RunningStatus(kT0 + 30, 10);
  s.runs[0].state = RunState::kFailed;
  s.runs[0].reason = "bad \"thing\"\nhappened";
  health.Add(0, s);
  std::string m = FormatMetrics(health.Current(), std::nullopt);
  EXPECT_TRUE(
      Has(m, "gazelle_backfill_status{state=\"failed\",reason=\"bad \\\"thing\\\"\\nhappened\"} 1"))
      << m;
}

}  // namespace
}  // namespace gb
