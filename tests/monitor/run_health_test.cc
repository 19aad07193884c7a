#include "monitor/run_health.h"

#include <gtest/gtest.h>

#include "health_fixture.h"
#include "monitor/run_health_check.h"

namespace gb {
namespace {

using testing::kT0;
using testing::RunningStatus;

HealthOptions Every(int seconds) {
  HealthOptions options;
  options.interval = std::chrono::seconds(seconds);
  return options;
}

const YearHealth& Year(const Health& h, int year) {
  for (const auto& y : h.years) {
    if (y.year == year) return y;
  }
  static YearHealth none;
  ADD_FAILURE() << "no year " << year;
  return none;
}

TEST(RunHealthTest, NoDatabaseFileSaysSoAndIsNoRun) {
  RunHealth health;
  DbStatus s;
  s.database_exists = false;
  health.Add(0, s);
  Health h = health.Current();
  EXPECT_EQ(h.total.state, HealthState::kNotStarted);
  EXPECT_EQ(h.total.reason, "no database yet");
  EXPECT_EQ(CheckExitCode(h), ExitCode::kCheckNoRun);
}

TEST(RunHealthTest, NoBookkeepingTablesYetIsNotStartedWithReason) {
  RunHealth health;
  DbStatus s;
  s.tables_exist = false;
  health.Add(0, s);
  Health h = health.Current();
  EXPECT_EQ(h.total.state, HealthState::kNotStarted);
  EXPECT_EQ(h.total.reason, "no run yet (no bookkeeping tables)");
  EXPECT_FALSE(h.run.has_value());
}

TEST(RunHealthTest, RunningComputesPercentRateAndEtaPerYear) {
  RunHealth health(Every(3));
  health.Add(0, RunningStatus(kT0, 1000));
  health.Add(10, RunningStatus(kT0 + 10, 6000));
  Health h = health.Current();
  ASSERT_TRUE(h.run.has_value());
  EXPECT_EQ(h.total.state, HealthState::kRunning);
  const YearHealth& y = Year(h, 2024);
  EXPECT_EQ(y.expected, 26034);
  EXPECT_EQ(y.done(), 6000);
  EXPECT_DOUBLE_EQ(y.rate, 500.0);
  ASSERT_TRUE(y.eta.has_value());
  EXPECT_EQ(y.eta->count(), (26034 - 6000 + 499) / 500);
  EXPECT_EQ(y.state, HealthState::kRunning);
  // 2023 has not been reached by the streams yet.
  EXPECT_EQ(Year(h, 2023).state, HealthState::kNotStarted);
  EXPECT_EQ(Year(h, 2023).reason, "queued");
  EXPECT_EQ(h.total.expected, 26034 + 28313);
  EXPECT_EQ(h.years.front().year, 2024) << "newest year first";
  EXPECT_EQ(CheckExitCode(h), ExitCode::kOk);
}

TEST(RunHealthTest, CompleteYearIsDoneWhileTheRunGoesOn) {
  RunHealth health;
  health.Add(0, RunningStatus(kT0, 26034, 500));
  Health h = health.Current();
  EXPECT_EQ(Year(h, 2024).state, HealthState::kDone);
  EXPECT_EQ(Year(h, 2023).state, HealthState::kRunning);
}

TEST(RunHealthTest, StalledWhenNoHeartbeatForMoreThanTwoHeartbeats) {
  RunHealth health(Every(3));
  DbStatus s = RunningStatus(kT0, 5000);
  health.Add(0, s);
  ASSERT_EQ(health.Current().total.state, HealthState::kRunning);
  // The process froze (kill -STOP): the same heartbeat, the clock moves on.
  s.now = kT0 + 4;
  health.Add(4, s);
  EXPECT_EQ(health.Current().total.state, HealthState::kRunning) << "two heartbeats is not more";
  s.now = kT0 + 5;
  health.Add(5, s);
  Health h = health.Current();
  EXPECT_EQ(h.total.state, HealthState::kStalled);
  EXPECT_EQ(h.total.reason, "no heartbeat for 5s");
  EXPECT_EQ(Year(h, 2024).state, HealthState::kStalled);
  EXPECT_EQ(Year(h, 2024).reason, "no heartbeat for 5s");
  EXPECT_EQ(CheckExitCode(h), ExitCode::kCheckStalled);
}

// The reader's milliseconds decide, not the stored seconds: a loader killed
// just after a beat shows 4.001 s later, whatever the seconds round to.
TEST(RunHealthTest, HeartbeatAgesInMillisecondsDecide) {
  RunHealth health;
  DbStatus s = RunningStatus(kT0 + 4, 5000);
  s.runs[0].heartbeat_at = kT0;
  s.workers[0].heartbeat_at = kT0;
  s.beat_age_ms = {{"", 3999}, {"host:42:abcd", 3999}};
  health.Add(0, s);
  EXPECT_EQ(health.Current().total.state, HealthState::kRunning);
  s.beat_age_ms = {{"", 4001}, {"host:42:abcd", 4001}};
  health.Add(1, s);
  EXPECT_EQ(health.Current().total.state, HealthState::kStalled);
  EXPECT_FALSE(health.Current().workers[0].live);
  EXPECT_EQ(health.Current().workers[0].ended, "gone");
}

// A run stopped by one attempt (SIGTERM) and resumed by another: the state
// now is the live attempt's, and the stop is history (its worker's row).
TEST(RunHealthTest, ALiveAttemptAfterAStopIsRunningAndTheStopIsHistory) {
  RunHealth health;
  DbStatus s = RunningStatus(kT0 + 30, 5000);
  s.runs[0].state = RunState::kStopped;
  s.runs[0].reason = "stopped on request; rerun the same command to resume";
  s.runs[0].finished_at = kT0 + 10;
  s.workers.insert(s.workers.begin(),
                   WorkerRow{"host:41:aaaa", "host", 41, WorkerState::kStopped,
                             Because(WaitKind::kStoppedOnRequest), kT0 + 10, kT0 - 60});
  health.Add(0, s);
  Health h = health.Current();
  EXPECT_EQ(h.total.state, HealthState::kRunning);
  EXPECT_EQ(CheckExitCode(h), ExitCode::kOk);
  ASSERT_EQ(h.workers.size(), 2u);
  EXPECT_FALSE(h.workers[0].live);
  EXPECT_EQ(h.workers[0].ended, "stopped");
  EXPECT_TRUE(h.workers[1].live);
  // Then that attempt is killed: stalled, not "stopped" (the old state).
  s.now = kT0 + 36;
  health.Add(6, s);
  EXPECT_EQ(health.Current().total.state, HealthState::kStalled);
  EXPECT_EQ(CheckExitCode(health.Current()), ExitCode::kCheckStalled);
}

TEST(RunHealthTest, AStoppedRunWhoseAttemptsAllEndedIsStopped) {
  RunHealth health;
  DbStatus s = RunningStatus(kT0 + 30, 5000);
  s.runs[0].state = RunState::kStopped;
  s.runs[0].finished_at = kT0 + 10;
  s.workers[0].state = WorkerState::kStopped;
  s.workers[0].heartbeat_at = kT0 + 10;
  health.Add(0, s);
  EXPECT_EQ(health.Current().total.state, HealthState::kStopped);
}

TEST(RunHealthTest, ProcessGoneOnceTheLeaseExpired) {
  RunHealth health;
  DbStatus s = RunningStatus(kT0, 5000);
  s.now = kT0 + 65;  // lease was until kT0 + 60
  health.Add(0, s);
  Health h = health.Current();
  EXPECT_EQ(h.total.state, HealthState::kStalled);
  EXPECT_EQ(h.total.reason, "process gone (no heartbeat for 1m 05s)");
}

TEST(RunHealthTest, StalledOnNoCommitShowsWhatTheWorkerWaitsOn) {
  RunHealth health(Every(3));
  DbStatus s = RunningStatus(kT0 + 20, 5000);
  s.last_counter_update = kT0;
  s.units[0].updated_at = kT0;
  s.workers[0].state = WorkerState::kWaiting;
  s.workers[0].reason =
      RetryWait("api", 429, "429 Too Many Requests", 1,
                std::chrono::system_clock::time_point(std::chrono::seconds(1732111351)));
  health.Add(0, s);
  Health h = health.Current();
  EXPECT_EQ(h.total.state, HealthState::kStalled);
  EXPECT_EQ(h.total.reason, "waiting on the API (429 Too Many Requests) until 14:02:31 UTC");
  EXPECT_EQ(h.last_commit_age, 20);
}

TEST(RunHealthTest, StalledOnNoCommitWithoutReasonSaysForHowLong) {
  RunHealth health(Every(3));
  DbStatus s = RunningStatus(kT0 + 12, 5000);
  s.last_counter_update = kT0;
  s.units[0].updated_at = kT0;
  health.Add(0, s);
  EXPECT_EQ(health.Current().total.reason, "no commit for 12s");
}

TEST(RunHealthTest, ShortIntervalStillAllowsTwoHeartbeats) {
  RunHealth health(Every(1));
  EXPECT_EQ(health.StallAfter(), 5);
  DbStatus s = RunningStatus(kT0, 5000);
  s.now = kT0 + 4;
  health.Add(0, s);
  EXPECT_EQ(health.Current().total.state, HealthState::kRunning);
}

TEST(RunHealthTest, SlowIsRelativeToTheRunsOwnRecentRate) {
  RunHealth health(Every(3));
  int64_t done = 0;
  double t = testing::FeedSteady(health, 40, 3, 1000, &done);  // two minutes at 1,000 e/s
  ASSERT_EQ(health.Current().total.state, HealthState::kRunning);
  // Then 100 e/s for 40 s (the 30 s window sees only the slow part).
  for (int i = 1; i <= 14; ++i) {
    done += 300;
    t += 3;
    health.Add(t, RunningStatus(kT0 + static_cast<int64_t>(t), done));
  }
  Health h = health.Current();
  EXPECT_NEAR(h.total.rate, 100, 1);
  EXPECT_EQ(h.total.state, HealthState::kSlow);
  EXPECT_EQ(h.total.reason, "100 e/s below its recent pace");
  EXPECT_EQ(CheckExitCode(h), ExitCode::kCheckSlow);
}

TEST(RunHealthTest, ASingleSampleIsSlowWhenTheLoaderSaysSo) {
  RunHealth health(Every(3));
  DbStatus s = RunningStatus(kT0, 5000);
  s.workers[0].state = WorkerState::kSlow;
  s.workers[0].reason = SlowPace(312, 1450);
  health.Add(0, s);  // one sample, as `watch --check` reads: no history of its own
  Health h = health.Current();
  EXPECT_EQ(h.total.state, HealthState::kSlow);
  EXPECT_EQ(h.total.reason, "312 entries/s, below its recent pace of 1,450 entries/s");
  EXPECT_EQ(Year(h, 2024).state, HealthState::kSlow);
  EXPECT_EQ(Year(h, 2024).reason, h.total.reason);
  EXPECT_EQ(Year(h, 2023).state, HealthState::kNotStarted);  // not reached yet: queued
  EXPECT_EQ(CheckExitCode(h), ExitCode::kCheckSlow);
}

TEST(RunHealthTest, ASlowWorkerWhoseHeartbeatStoppedIsStalledNotSlow) {
  RunHealth health(Every(3));
  DbStatus s = RunningStatus(kT0 + 30, 5000);
  s.workers[0].state = WorkerState::kSlow;
  s.workers[0].heartbeat_at = kT0;
  s.runs[0].heartbeat_at = kT0;
  health.Add(0, s);
  EXPECT_EQ(health.Current().total.state, HealthState::kStalled);
}

TEST(RunHealthTest, SteadyLowRateIsNotSlow) {
  RunHealth health(Every(3));
  int64_t done = 0;
  testing::FeedSteady(health, 60, 3, 5, &done);  // 5 e/s all along: its own normal pace
  EXPECT_EQ(health.Current().total.state, HealthState::kRunning);
}

TEST(RunHealthTest, FinalStatesComeFromTheRun) {
  struct Case {
    RunState state;
    HealthState expected;
    ExitCode code;
  };
  for (const Case& c :
       {Case{RunState::kDone, HealthState::kDone, ExitCode::kOk},
        Case{RunState::kDoneWithRejects, HealthState::kDoneWithRejects, ExitCode::kCheckRejects},
        Case{RunState::kFailed, HealthState::kFailed, ExitCode::kCheckFailed},
        Case{RunState::kStopped, HealthState::kStopped, ExitCode::kCheckStalled}}) {
    RunHealth health;
    DbStatus s = RunningStatus(kT0 + 600, 26034, 28313);  // old heartbeat does not matter
    const std::string name(RunStateName(c.state));
    s.runs[0].state = c.state;
    s.runs[0].reason = "why: " + name;
    s.runs[0].heartbeat_at = kT0;
    if (c.state == RunState::kDoneWithRejects) s.counters[2023].rejected = 2;
    health.Add(0, s);
    Health h = health.Current();
    EXPECT_EQ(h.total.state, c.expected) << name;
    EXPECT_EQ(h.total.reason, "why: " + name);
    EXPECT_EQ(CheckExitCode(h), c.code) << name;
  }
}

TEST(RunHealthTest, FailedRunMarksUnfinishedYearsFailedWithTheReason) {
  RunHealth health;
  DbStatus s = RunningStatus(kT0, 26034, 100);
  s.runs[0].state = RunState::kFailed;
  s.runs[0].reason = "permission denied for table gazelle_timeline_entries";
  health.Add(0, s);
  Health h = health.Current();
  EXPECT_EQ(Year(h, 2024).state, HealthState::kDone);
  EXPECT_EQ(Year(h, 2023).state, HealthState::kFailed);
  EXPECT_EQ(Year(h, 2023).reason, "permission denied for table gazelle_timeline_entries");
}

TEST(RunHealthTest, YearWithRejectsIsDoneWithRejects) {
  RunHealth health;
  DbStatus s = RunningStatus(kT0, 26030);
  s.counters[2024].rejected = 4;
  health.Add(0, s);
  Health h = health.Current();
  EXPECT_EQ(Year(h, 2024).state, HealthState::kDoneWithRejects);
  EXPECT_EQ(Year(h, 2024).reason, "4 rejected");
  EXPECT_EQ(CheckExitCode(h), ExitCode::kCheckRejects) << "rejects present while running";
}

TEST(RunHealthTest, UnreachableKeepsTheLastNumbers) {
  RunHealth health;
  health.Add(0, RunningStatus(kT0, 5000));
  health.AddFailure(3, Error{ErrorKind::kTransient, "connection refused", ""});
  Health h = health.Current();
  EXPECT_FALSE(h.reachable);
  EXPECT_EQ(h.total.state, HealthState::kUnreachable);
  EXPECT_EQ(h.total.reason, "database unreachable: connection refused");
  EXPECT_EQ(h.total.done(), 5000);
  EXPECT_EQ(CheckExitCode(h), ExitCode::kDestinationUnreachable);
}

TEST(RunHealthTest, YearsOptionSelectsAndOrdersTheRows) {
  HealthOptions only2023;
  only2023.years = {2023};
  RunHealth health(only2023);
  health.Add(0, RunningStatus(kT0, 1000, 200));
  Health h = health.Current();
  ASSERT_EQ(h.years.size(), 1u);
  EXPECT_EQ(h.years[0].year, 2023);
  EXPECT_EQ(h.total.expected, 28313);
  EXPECT_EQ(h.total.done(), 200);
}

TEST(RunHealthTest, ANewRunStartsAFreshHistory) {
  RunHealth health;
  health.Add(0, RunningStatus(kT0, 1000));
  health.Add(3, RunningStatus(kT0 + 3, 4000));
  EXPECT_EQ(health.Current().history.size(), 2u);
  DbStatus next = RunningStatus(kT0 + 6, 10);
  next.runs[0].id = 4;
  health.Add(6, next);
  Health h = health.Current();
  EXPECT_EQ(h.history.size(), 1u);
  EXPECT_DOUBLE_EQ(h.total.rate, 0);
}

TEST(RunHealthTest, CheckLineSaysStateReasonAndProgress) {
  RunHealth health;
  DbStatus s = RunningStatus(kT0 + 10, 13017);
  s.runs[0].heartbeat_at = kT0;
  s.workers[0].heartbeat_at = kT0;
  health.Add(0, s);
  EXPECT_EQ(FormatCheckLine(health.Current()),
            "stalled: run #3 — no heartbeat for 10s · 13,017 of 54,347 (23%)");
}

}  // namespace
}  // namespace gb
