#include "engine/pace_judge.h"

#include <gtest/gtest.h>

#include "core/events.h"
#include "engine/activity_observer.h"

namespace gb {
namespace {

using namespace std::chrono_literals;

class NoopObserver final : public Observer {
 public:
  void On(const Event&) override {}
};

// A run committing `per_beat` rows between heartbeats 2 s apart, on a made-up clock.
class PaceTest : public ::testing::Test {
 protected:
  PaceTest() : activity_(inner_, PaceOptions{10s, 60s, 0.3, 5}) {}

  ActivityObserver::Activity Beats(int beats, int64_t per_beat) {
    ActivityObserver::Activity last;
    for (int i = 0; i < beats; ++i) {
      now_ += 2s;
      if (per_beat > 0) {  // a commit also ends a wait
        BatchCommitted batch;
        batch.rows = per_beat;
        activity_.On(batch);
      }
      last = activity_.Beat(now_);
    }
    return last;
  }

  NoopObserver inner_;
  ActivityObserver activity_;
  std::chrono::system_clock::time_point now_{std::chrono::seconds(1732000000)};
};

TEST_F(PaceTest, FastThenSlowIsSlowWithBothRatesInItsReason) {
  EXPECT_EQ(Beats(20, 2000).state, WorkerState::kRunning);  // 1,000 entries/s
  auto slow = Beats(6, 200);                                // 100 entries/s over the whole window
  EXPECT_EQ(slow.state, WorkerState::kSlow);
  EXPECT_EQ(slow.reason, SlowPace(100, 1000));
}

TEST_F(PaceTest, RecoveringIsRunningAgain) {
  Beats(20, 2000);
  ASSERT_EQ(Beats(6, 200).state, WorkerState::kSlow);
  auto back = Beats(6, 2000);
  EXPECT_EQ(back.state, WorkerState::kRunning);
  EXPECT_TRUE(back.reason.empty());
}

TEST_F(PaceTest, NotJudgedBeforeEnoughHistory) {
  // The 10 s window is full from the 6th beat on; four rates are not enough.
  Beats(5, 2000);
  EXPECT_EQ(Beats(4, 10).state, WorkerState::kRunning);
}

TEST_F(PaceTest, AWaitStaysWaitingAndDoesNotMakeTheNextWindowSlow) {
  Beats(20, 2000);
  activity_.On(RetryScheduled{"api", "429 Too Many Requests", 1, 30s, now_ + 30s, 429});
  auto waiting = Beats(10, 0);
  EXPECT_EQ(waiting.state, WorkerState::kWaiting);
  EXPECT_EQ(waiting.reason.kind, WaitKind::kApiRateLimited);
  // Back to full speed after the wait: its empty seconds are not in the new window.
  for (int i = 0; i < 6; ++i) EXPECT_EQ(Beats(1, 2000).state, WorkerState::kRunning) << i;
}

TEST_F(PaceTest, TheDatabaseAndAFailedRefreshAreReasonsOfTheirOwn) {
  activity_.On(RetryScheduled{"database", "connection lost", 2, 10s, now_ + 10s});
  auto database = activity_.Current(now_ + 1s);
  EXPECT_EQ(database.reason.kind, WaitKind::kDatabaseRetry);
  EXPECT_EQ(database.reason.detail, "connection lost");
  activity_.On(TokenRefreshed{false, {}, "invalid_grant"});
  EXPECT_EQ(activity_.Current(now_ + 1h).reason,
            Because(WaitKind::kTokenRefreshFailed, "invalid_grant"));
}

// At the end of a run the streams run out of units one by one and the rate
// falls with them: that is not slow. A stream that slows down still is.
TEST_F(PaceTest, TheEndOfARunIsNotSlowButASlowStreamIs) {
  RunStarted started;
  started.concurrency = 4;
  started.units = 6;
  activity_.On(started);
  EXPECT_EQ(Beats(20, 2000).state, WorkerState::kRunning);  // 4 streams, 1,000 entries/s
  for (int i = 0; i < 5; ++i) activity_.On(SliceDone{"u" + std::to_string(i), 1});
  EXPECT_EQ(Beats(6, 500).state, WorkerState::kRunning);  // 1 stream left, at its usual 250/s
  auto slow = Beats(6, 100);                              // that stream at 50/s
  EXPECT_EQ(slow.state, WorkerState::kSlow);
  EXPECT_EQ(slow.reason, SlowPace(50, 250));
}

TEST(PaceJudgeTest, NoCommitAtAllIsNotSlowWithoutAPace) {
  PaceJudge judge(PaceOptions{10s, 60s, 0.3, 2});
  auto t = std::chrono::system_clock::time_point(std::chrono::seconds(1000));
  for (int i = 0; i < 30; ++i) EXPECT_FALSE(judge.Observe(t + i * 2s, 0)) << i;
}

}  // namespace
}  // namespace gb
