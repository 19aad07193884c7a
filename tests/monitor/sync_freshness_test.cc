#include "monitor/sync_freshness.h"

#include <gtest/gtest.h>

namespace gb {
namespace {

constexpr int64_t kNow = 1'800'000'000;

RunRow MakeRun(int64_t id, RunState state, std::optional<int64_t> finished, bool sync) {
  RunRow r;
  r.id = id;
  r.state = state;
  r.finished_at = finished;
  r.params = sync ? R"({"mode":"sync","streams":["timeline"]})" : R"({"years":[2024]})";
  return r;
}

DbStatus Status() {
  DbStatus s;
  s.now = kNow;
  s.runs = {MakeRun(3, RunState::kRunning, std::nullopt, true),
            MakeRun(2, RunState::kDone, kNow - 600, true),
            MakeRun(1, RunState::kDone, kNow - 86400, false)};
  s.newest_entry_at = kNow - 3600;
  s.marked = {{"gazelle_timeline_entries", 9}};
  s.stream_swept_at = {{"clients", kNow - 7200}};
  return s;
}

TEST(FreshnessOf, TheLastGoodRunAndSyncTheLagAndTheMarks) {
  Freshness f = FreshnessOf(Status(), {});
  EXPECT_EQ(f.last_success_at, kNow - 600) << "the running sync is not a success yet";
  EXPECT_EQ(f.last_sync_at, kNow - 600);
  EXPECT_EQ(f.lag_s, 3600);
  EXPECT_EQ(f.stream_lag_s.at("clients"), 7200);
  EXPECT_EQ(f.marked.at("gazelle_timeline_entries"), 9);
  EXPECT_FALSE(f.stale);
}

TEST(FreshnessOf, ALateScheduleIsStaleOnceLateByItsIntervalAndAtLeastFiveMinutes) {
  DbStatus s = Status();
  s.schedule = ScheduleRow{"vm:1:abc", 900, kNow - 900, kNow - 30};
  EXPECT_FALSE(FreshnessOf(s, {}).stale) << "due 15 min ago, every 15 min: not yet";
  s.schedule->next_at = kNow - 901;
  Freshness late = FreshnessOf(s, {});
  EXPECT_TRUE(late.stale);
  EXPECT_NE(late.stale_reason.find("sync --every"), std::string::npos) << late.stale_reason;
  s.schedule = ScheduleRow{"vm:1:abc", 60, kNow - 299, kNow};
  EXPECT_FALSE(FreshnessOf(s, {}).stale) << "a 1-minute schedule gets 5 minutes";
}

TEST(FreshnessOf, StaleAfterAndMaxLagAreTheUsersThresholds) {
  FreshnessOptions options;
  options.stale_after = std::chrono::seconds(601);
  EXPECT_FALSE(FreshnessOf(Status(), options).stale);
  options.stale_after = std::chrono::seconds(599);
  Freshness old = FreshnessOf(Status(), options);
  EXPECT_TRUE(old.stale);
  EXPECT_NE(old.stale_reason.find("--stale-after"), std::string::npos) << old.stale_reason;

  FreshnessOptions lag;
  lag.max_lag = std::chrono::seconds(3599);
  Freshness behind = FreshnessOf(Status(), lag);
  EXPECT_TRUE(behind.stale);
  EXPECT_NE(behind.stale_reason.find("--max-lag"), std::string::npos) << behind.stale_reason;
}

TEST(FreshnessOf, NoSuccessYetIsStaleOnlyWhenAThresholdIsAsked) {
  DbStatus s = Status();
  s.runs = {MakeRun(1, RunState::kFailed, kNow - 10, false)};
  EXPECT_FALSE(FreshnessOf(s, {}).stale);
  FreshnessOptions options;
  options.stale_after = std::chrono::hours(26);
  EXPECT_TRUE(FreshnessOf(s, options).stale);
}

}  // namespace
}  // namespace gb
