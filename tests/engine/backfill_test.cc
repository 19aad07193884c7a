#include "engine/backfill.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/entry_types.h"
#include "engine/activity_observer.h"
#include "fake_destination.h"
#include "fake_source.h"

namespace gb {
namespace {

using namespace std::chrono_literals;
using testing::FakeDestination;
using testing::FakeSource;
using testing::MakeNode;

// 2022..2025, n/4 nodes per year, 12 types.
std::vector<ApiNode> Dataset(int n) {
  std::vector<ApiNode> nodes;
  for (int i = 0; i < n; ++i) {
    const int year = 2022 + i * 4 / n;
    const int64_t when = *ParseIsoUtc(std::to_string(year) + "-01-01T01:00:00Z") +
                         int64_t{86400} * (i % (n / 4)) * 364 / (n / 4);
    nodes.push_back(MakeNode(i, FormatIsoUtc(when), std::string(kEntryTypes[i % 12])));
  }
  return nodes;
}

class RecordingObserver : public Observer {
 public:
  void On(const Event& e) override {
    std::lock_guard lock(mu);
    events.push_back(e);
  }
  template <class T>
  std::vector<T> All() {
    std::lock_guard lock(mu);
    std::vector<T> out;
    for (const Event& e : events) {
      if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
    }
    return out;
  }
  std::mutex mu;
  std::vector<Event> events;
};

Counts Sum(const CountTable& t, std::optional<int> year = std::nullopt) {
  Counts s;
  for (const auto& [k, c] : t) {
    if (!year || k.year == *year) s += c;
  }
  return s;
}

class BackfillTest : public ::testing::Test {
 protected:
  BackfillTest() : source_(Dataset(1200)) {
    options_.years = {2023, 2024};
    options_.batch_size = 50;
    options_.page_size = 10;
    options_.concurrency = 3;
    options_.worker_id = WorkerId{"test", 1, "1"};
    options_.flush_after = 1000ms;
    options_.heartbeat = 5ms;
  }

  RunOutcome Run() {
    stop_ = false;
    return RunBackfill(options_, source_, dest_, observer_, clock_, stop_);
  }

  // The invariant and the plan: per requested year, loaded + repaired +
  // rejected = expected; every fetched row is counted exactly once.
  void ExpectExact(const RunOutcome& outcome) {
    const RunRecord& run = dest_.store.runs.back();
    for (int year : options_.years) {
      Counts c = Sum(outcome.totals, year);
      EXPECT_EQ(c.loaded() + c.repaired + c.rejected, run.expected.at(year)) << year;
      EXPECT_EQ(c.skipped, 0) << year;
    }
    Counts all = Sum(outcome.totals);
    int64_t unit_fetched = 0;
    for (const auto& u : dest_.store.units) {
      if (u.state.run_id == run.id) unit_fetched += u.state.fetched;
    }
    EXPECT_EQ(all.fetched(), unit_fetched);
    EXPECT_EQ(all.fetched(), all.loaded() + all.repaired + all.rejected + all.skipped);
  }

  FakeClock clock_;
  FakeSource source_;
  FakeDestination dest_{clock_};
  RecordingObserver observer_;
  RunOptions options_;
  std::atomic<bool> stop_{false};
};

TEST_F(BackfillTest, LoadsTheRequestedYearsExactly) {
  RunOutcome outcome = Run();
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  EXPECT_EQ(outcome.state, "done");
  EXPECT_EQ(dest_.store.runs.back().expected, (std::map<int, int64_t>{{2023, 300}, {2024, 300}}));
  EXPECT_EQ(dest_.store.entries.size(), 600u);
  ExpectExact(outcome);
  EXPECT_EQ(Sum(outcome.totals, 2025).skipped, 300);  // newer rows paged through, skipped
  EXPECT_EQ(Sum(outcome.totals).inserted, 600);
  EXPECT_EQ(dest_.store.users.size(), 1u);  // users filled: the table was new
  auto started = observer_.All<RunStarted>();
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].expected.at(2024), 300);
  EXPECT_EQ(observer_.All<SliceDone>().size(), 28u);
  auto finished = observer_.All<RunFinished>();
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].state, "done");
  EXPECT_FALSE(observer_.All<BatchCommitted>().empty());
  EXPECT_FALSE(observer_.All<TimeSpent>().empty());
  EXPECT_FALSE(dest_.store.beats.empty());
  EXPECT_EQ(dest_.store.beats.back().state, WorkerState::kDone);
  EXPECT_EQ(dest_.store.runs.back().state, RunState::kDone);
}

TEST_F(BackfillTest, SameCommandAfterADoneRunIsCompleteAlready) {
  ASSERT_EQ(Run().exit_code, ExitCode::kOk);
  const int fetches = source_.fetch_calls();
  RunOutcome again = Run();
  EXPECT_EQ(again.exit_code, ExitCode::kOk);
  EXPECT_EQ(again.state, "complete_already");
  EXPECT_NE(again.message.find("--restart"), std::string::npos);
  EXPECT_EQ(source_.fetch_calls(), fetches);
  EXPECT_EQ(Sum(again.totals).inserted, 600);
}

TEST_F(BackfillTest, RestartLoadsAgainAsUnchanged) {
  ASSERT_EQ(Run().exit_code, ExitCode::kOk);
  options_.restart = true;
  RunOutcome again = Run();
  ASSERT_EQ(again.exit_code, ExitCode::kOk) << again.message;
  EXPECT_EQ(Sum(again.totals).unchanged, 600);  // counters reset, rows already there
  EXPECT_EQ(Sum(again.totals).inserted, 0);
  EXPECT_EQ(dest_.store.entries.size(), 600u);
  ExpectExact(again);
}

TEST_F(BackfillTest, StopThenResumeCountsEveryRowOnce) {
  options_.concurrency = 1;
  source_.on_fetch = [&](int call) {
    if (call == 12) stop_ = true;
  };
  RunOutcome stopped = RunBackfill(options_, source_, dest_, observer_, clock_, stop_);
  EXPECT_EQ(stopped.exit_code, ExitCode::kStopped);
  EXPECT_EQ(stopped.state, "stopped");
  EXPECT_NE(stopped.message.find("rerun the same command to resume"), std::string::npos);
  EXPECT_LT(dest_.store.entries.size(), 600u);
  for (const auto& u : dest_.store.units) EXPECT_NE(u.state.state, "running");  // released
  source_.on_fetch = nullptr;
  RunOutcome resumed = Run();
  ASSERT_EQ(resumed.exit_code, ExitCode::kOk) << resumed.message;
  EXPECT_EQ(Sum(resumed.totals).inserted, 600);  // nothing counted twice
  EXPECT_EQ(Sum(resumed.totals).unchanged, 0);   // nothing committed was re-read
  ExpectExact(resumed);
  auto started = observer_.All<RunStarted>();
  ASSERT_EQ(started.size(), 2u);
  EXPECT_TRUE(started[1].resumed);
  EXPECT_EQ(Sum(started[1].done_before).fetched(), Sum(stopped.totals).fetched());
}

TEST_F(BackfillTest, AResumedRunIsRunningAgainWhileItLoads) {
  options_.concurrency = 1;
  source_.on_fetch = [&](int call) {
    if (call == 12) stop_ = true;
  };
  ASSERT_EQ(RunBackfill(options_, source_, dest_, observer_, clock_, stop_).state, "stopped");
  ASSERT_EQ(dest_.store.runs.back().state, RunState::kStopped);
  std::optional<RunState> seen;
  source_.on_fetch = [&](int) {
    std::lock_guard lock(dest_.store.mu);
    if (!seen) seen = dest_.store.runs.back().state;
  };
  ASSERT_EQ(Run().exit_code, ExitCode::kOk);
  EXPECT_EQ(seen, RunState::kRunning) << "the stored state is the state now, not the old stop";
  EXPECT_EQ(dest_.store.runs.back().state, RunState::kDone);
}

// Entries arriving at the top while the sweeps page (offsets shift under them,
// rows come again) and after the sweep of their type passed: loaded once,
// counted once, and the run ends "done" only once its counts equal the source's.
TEST_F(BackfillTest, EntriesArrivingMidRunAreLoadedAndCountedOnce) {
  options_.years = {2024, 2025};
  source_.shifting = true;
  // One every other page while the sweeps run (not during the final check);
  // the fetchers of three streams call this at once.
  std::atomic<int> arrived{0};
  source_.on_fetch = [&](int call) {
    if (call % 2 != 0 || call > 50) return;
    const int n = ++arrived;
    source_.Arrive(
        MakeNode(5000 + n, FormatIsoUtc(1767100000 + 60 * n), std::string(kEntryTypes[n % 12])));
  };
  RunOutcome outcome = Run();
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  EXPECT_EQ(outcome.state, "done");
  ASSERT_EQ(arrived, 25);
  EXPECT_EQ(dest_.store.entries.size(), 625u);
  EXPECT_EQ(Sum(outcome.totals, 2025).inserted, 325) << "each arrival once, no row again";
  EXPECT_EQ(Sum(outcome.totals).unchanged, 0);
  EXPECT_EQ(dest_.store.runs.back().expected.at(2025), 325) << "the plan follows the source";
  auto finished = observer_.All<RunFinished>();
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].expected.at(2025), 325);
}

TEST_F(BackfillTest, ArrivalsAfterTheSweepsPassedAreToppedUpBeforeDone) {
  options_.years = {2024, 2025};
  options_.concurrency = 1;
  source_.shifting = true;
  int arrived = 0;
  source_.on_fetch = [&](int call) {
    if (call < 60 || arrived >= 5) return;  // late: most sweeps are over
    ++arrived;
    source_.Arrive(MakeNode(6000 + arrived, FormatIsoUtc(1767100000 + 60 * arrived),
                            "CONTACT_EMAIL_AUTOMATED"));
  };
  RunOutcome outcome = Run();
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  EXPECT_EQ(dest_.store.entries.size(), 605u);
  EXPECT_EQ(Sum(outcome.totals, 2025).loaded(), 305);
  bool topped_up = false;
  for (const auto& u : dest_.store.units) topped_up |= u.state.spec.name == "top-up:1";
  EXPECT_TRUE(topped_up);
}

// Entries deleted above the sweeps (the count goes down): the pages that would
// skip rows step back, so nothing is lost and no year needs counting again.
TEST_F(BackfillTest, DeletionsAboveTheSweepsSkipNoRow) {
  source_.shifting = true;
  source_.on_fetch = [&](int call) {
    if (call == 30 || call == 45) source_.DeleteNewest(7);  // 2025 rows, above every sweep
  };
  RunOutcome outcome = Run();
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  EXPECT_EQ(dest_.store.entries.size(), 600u);
  ExpectExact(outcome);
  for (const auto& u : dest_.store.units)
    EXPECT_FALSE(u.state.spec.count_year) << u.state.spec.name;
}

TEST_F(BackfillTest, AFinishedRunThatNoLongerMatchesTheSourceIsResumedForTheDifference) {
  options_.years = {2024, 2025};
  source_.shifting = true;
  ASSERT_EQ(Run().exit_code, ExitCode::kOk);
  for (int i = 1; i <= 4; ++i) {
    source_.Arrive(MakeNode(7000 + i, FormatIsoUtc(1767100000 + 60 * i), "INVOICE"));
  }
  RunOutcome again = Run();
  ASSERT_EQ(again.exit_code, ExitCode::kOk) << again.message;
  EXPECT_EQ(again.state, "done") << "not \"already complete\" while the source has more";
  EXPECT_EQ(dest_.store.entries.size(), 604u);
  EXPECT_EQ(Sum(again.totals, 2025).loaded(), 304);
  EXPECT_EQ(Run().state, "complete_already");
}

// Counts can balance while entries are missing: three loaded rows deleted at
// the source, three new ones arrived. The newest entry, which no sweep
// covers, gives it away: the run is resumed, the arrivals loaded, the year
// counted again to the source's figure.
TEST_F(BackfillTest, ArrivalsOffsetByDeletionsOfLoadedRowsAreStillLoaded) {
  options_.years = {2024, 2025};
  source_.shifting = true;
  ASSERT_EQ(Run().exit_code, ExitCode::kOk);
  source_.DeleteNewest(3);
  for (int i = 1; i <= 3; ++i) {
    source_.Arrive(MakeNode(8000 + i, FormatIsoUtc(1767100000 + 60 * i), "INVOICE"));
  }
  RunOutcome again = Run();
  ASSERT_EQ(again.exit_code, ExitCode::kOk) << again.message;
  EXPECT_EQ(again.state, "done") << "not \"already complete\" while arrivals are missing";
  EXPECT_EQ(dest_.store.entries.size(), 603u) << "the arrivals, and the deleted rows kept";
  for (int i = 1; i <= 3; ++i) {
    EXPECT_TRUE(dest_.store.entries.contains(MakeNode(8000 + i, "", "").id)) << i;
  }
  EXPECT_EQ(Sum(again.totals, 2025).loaded(), 300) << "the source's count, each row once";
  EXPECT_EQ(Run().state, "complete_already");
}

// A year that differs for another reason than arrivals (here: rows missing
// from the counters) is counted again from zero, once.
TEST_F(BackfillTest, AYearThatStillDiffersIsCountedAgain) {
  ASSERT_EQ(Run().exit_code, ExitCode::kOk);
  {
    std::lock_guard lock(dest_.store.mu);
    for (auto& [key, c] : dest_.store.counters[1]) {
      if (key.year == 2023 && c.inserted > 0) --c.inserted;
    }
  }
  RunOutcome again = Run();
  ASSERT_EQ(again.exit_code, ExitCode::kOk) << again.message;
  EXPECT_EQ(Sum(again.totals, 2023).loaded(), 300);
  EXPECT_EQ(Sum(again.totals, 2023).unchanged, 300) << "counted again, from zero";
  EXPECT_EQ(Sum(again.totals, 2024).inserted, 300) << "the other year untouched";
}

// A database far away gets bigger batches, unless --batch-size chose them.
TEST_F(BackfillTest, ADatabaseFarAwayGetsBiggerBatchesUnlessTheSizeWasGiven) {
  dest_.store.round_trip = std::chrono::milliseconds(30);
  options_.batch_size_chosen = true;
  ASSERT_EQ(Run().exit_code, ExitCode::kOk);
  auto started = observer_.All<RunStarted>();
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].batch_size, kFarBatchSize);
  EXPECT_EQ(started[0].far_round_trip, std::chrono::milliseconds(30));

  dest_.store.round_trip = std::chrono::microseconds(400);  // on the same machine
  options_.restart = true;
  ASSERT_EQ(Run().exit_code, ExitCode::kOk);
  started = observer_.All<RunStarted>();
  EXPECT_EQ(started.back().batch_size, kDefaultBatchSize);
  EXPECT_EQ(started.back().far_round_trip.count(), 0);

  dest_.store.round_trip = std::chrono::milliseconds(30);
  options_.batch_size_chosen = false;  // --batch-size 50
  ASSERT_EQ(Run().exit_code, ExitCode::kOk);
  EXPECT_EQ(observer_.All<RunStarted>().back().batch_size, 50);
}

TEST_F(BackfillTest, RefusesOtherParametersOverAnUnfinishedRun) {
  source_.on_fetch = [&](int call) {
    if (call == 3) stop_ = true;
  };
  ASSERT_EQ(RunBackfill(options_, source_, dest_, observer_, clock_, stop_).exit_code,
            ExitCode::kStopped);
  source_.on_fetch = nullptr;
  options_.years = {2024};
  RunOutcome refused = Run();
  EXPECT_EQ(refused.exit_code, ExitCode::kRunConflict);
  EXPECT_EQ(refused.state, "refused");
  EXPECT_NE(refused.message.find("[2023,2024]"), std::string::npos);
  EXPECT_NE(refused.message.find("[2024]"), std::string::npos);
  EXPECT_NE(refused.message.find("--restart"), std::string::npos);
  options_.restart = true;
  RunOutcome restarted = Run();
  ASSERT_EQ(restarted.exit_code, ExitCode::kOk) << restarted.message;
  EXPECT_EQ(dest_.store.runs.size(), 2u);
  EXPECT_EQ(dest_.store.runs[0].state, RunState::kStopped);
  ExpectExact(restarted);
}

TEST_F(BackfillTest, RejectsAreKeptAndCounted) {
  dest_.reject_rule = [](const Row& row) -> std::optional<Error> {
    if (row.entry_type == "ERROR_MESSAGE")
      return Error{ErrorKind::kData, "violates check", "23514"};
    return std::nullopt;
  };
  RunOutcome outcome = Run();
  ASSERT_EQ(outcome.exit_code, ExitCode::kDoneWithRejects) << outcome.message;
  EXPECT_EQ(outcome.state, "done_with_rejects");
  Counts all = Sum(outcome.totals);
  EXPECT_EQ(all.rejected, 50);  // 600 rows, 1 in 12 is an ERROR_MESSAGE
  EXPECT_EQ(dest_.store.rejects.size(), 50u);
  EXPECT_EQ(observer_.All<RowRejected>().size(), 50u);
  EXPECT_FALSE(observer_.All<BatchSplit>().empty());
  ExpectExact(outcome);
}

TEST_F(BackfillTest, DefectiveNodesAreRejectedWithTheirReason) {
  auto nodes = Dataset(1200);
  nodes[700].defect = "client is null";
  nodes[701].occurred_at = "garbage";
  FakeSource source(nodes);
  RunOutcome outcome = RunBackfill(options_, source, dest_, observer_, clock_, stop_);
  EXPECT_EQ(outcome.exit_code, ExitCode::kDoneWithRejects);
  ASSERT_EQ(dest_.store.rejects.size(), 2u);
  std::set<std::string> reasons;
  for (const auto& r : dest_.store.rejects) reasons.insert(r.reject.reason);
  EXPECT_TRUE(reasons.contains("malformed node: client is null"));
  Counts all = Sum(outcome.totals);
  EXPECT_EQ(all.fetched(), all.loaded() + all.repaired + all.rejected + all.skipped);
}

TEST_F(BackfillTest, TransientDatabaseFailureIsRetried) {
  dest_.transient_write_at = 3;
  dest_.transient_commit_at = 5;
  RunOutcome outcome = Run();
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  EXPECT_EQ(Sum(outcome.totals).inserted, 600);
  ExpectExact(outcome);
  auto retries = observer_.All<RetryScheduled>();
  ASSERT_EQ(retries.size(), 2u);
  EXPECT_EQ(retries[0].what, "database");
}

TEST_F(BackfillTest, PermanentFailureStopsResumably) {
  dest_.permanent_write_at = 4;
  RunOutcome failed = Run();
  EXPECT_EQ(failed.exit_code, ExitCode::kStopped);
  EXPECT_EQ(failed.state, "failed");
  EXPECT_NE(failed.message.find("permission denied"), std::string::npos);
  EXPECT_NE(failed.message.find("rerun the same command to resume"), std::string::npos);
  EXPECT_EQ(dest_.store.runs.back().state, RunState::kFailed);
  RunOutcome resumed = Run();
  ASSERT_EQ(resumed.exit_code, ExitCode::kOk) << resumed.message;
  EXPECT_EQ(Sum(resumed.totals).inserted, 600);
  ExpectExact(resumed);
}

TEST_F(BackfillTest, SourceFailureStopsResumably) {
  source_.fail_fetch_at = 7;
  source_.fail_kind = ErrorKind::kAuth;
  RunOutcome failed = Run();
  EXPECT_EQ(failed.exit_code, ExitCode::kAuth);
  source_.fail_fetch_at = 0;
  RunOutcome resumed = Run();
  ASSERT_EQ(resumed.exit_code, ExitCode::kOk) << resumed.message;
  ExpectExact(resumed);
}

TEST_F(BackfillTest, SingleWriterDestinationSerialisesBatches) {
  FakeDestination sqlite_like(clock_, /*concurrent_writers=*/false);
  options_.concurrency = 0;  // engine chooses
  RunOutcome outcome = RunBackfill(options_, source_, sqlite_like, observer_, clock_, stop_);
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  EXPECT_EQ(sqlite_like.max_open_transactions, 1);
  EXPECT_EQ(observer_.All<RunStarted>()[0].concurrency, 4);
  EXPECT_EQ(sqlite_like.store.entries.size(), 600u);
}

TEST_F(BackfillTest, ManyStreamsShareTheUnits) {
  options_.concurrency = 8;
  RunOutcome outcome = Run();
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  ExpectExact(outcome);
  for (const auto& u : dest_.store.units) EXPECT_EQ(u.state.state, "done");
}

TEST_F(BackfillTest, UnknownTypesAreLoadedOnceByTheCatchAllUnit) {
  auto nodes = Dataset(1200);
  nodes[500].type = "BRAND_NEW_TYPE";
  nodes[510].type = "BRAND_NEW_TYPE";
  FakeSource source(nodes);
  RunOutcome outcome = RunBackfill(options_, source, dest_, observer_, clock_, stop_);
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  EXPECT_EQ(dest_.store.units.size(), 29u);
  EXPECT_EQ(Sum(outcome.totals).inserted, 600);
  Counts unknown;
  for (const auto& [k, c] : outcome.totals) {
    if (k.type == "BRAND_NEW_TYPE") unknown += c;
  }
  EXPECT_EQ(unknown.inserted, 2);
  ExpectExact(outcome);
}

TEST_F(BackfillTest, DeadWorkersUnitIsTakenOverAfterItsLease) {
  source_.on_fetch = [&](int call) {
    if (call == 3) stop_ = true;
  };
  RunBackfill(options_, source_, dest_, observer_, clock_, stop_);
  source_.on_fetch = nullptr;
  {  // a worker that died holding unit 5
    std::lock_guard lock(dest_.store.mu);
    auto& u = dest_.store.units[4];
    u.state.state = "running";
    u.worker = "dead:9:9";
    u.lease_until = clock_.Now() + 60s;
  }
  const auto slept_before = clock_.slept();
  RunOutcome outcome = Run();
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  EXPECT_GE(clock_.slept() - slept_before, 60s);  // waited for the lease, then took over
  ExpectExact(outcome);
}

TEST_F(BackfillTest, FetcherNeverRunsFarAheadOfTheWriter) {
  // One type, only requested years: unit 1 has 60 pages, every one written.
  std::vector<ApiNode> nodes;
  for (int i = 0; i < 600; ++i) {
    nodes.push_back(MakeNode(i, FormatIsoUtc(*ParseIsoUtc("2023-01-01T00:00:00Z") + i * 86400),
                             std::string(kEntryTypes[0])));
  }
  FakeSource source(nodes);
  options_.concurrency = 1;
  options_.queue_pages = 2;
  options_.batch_size = 30;  // 3 pages of 10
  std::atomic<int> worst{0};
  source.on_fetch = [&](int call) {
    if (call > 60) return;  // the other (empty) units
    const int committed_pages = static_cast<int>(dest_.rows_written / 10);
    worst = std::max(worst.load(), call - committed_pages);
  };
  bool slowed = false;
  dest_.reject_rule = [&](const Row&) -> std::optional<Error> {
    if (!slowed) {  // the database is slow once: an unbounded fetcher would run away
      slowed = true;
      std::this_thread::sleep_for(100ms);
    }
    return std::nullopt;
  };
  RunOutcome outcome = RunBackfill(options_, source, dest_, observer_, clock_, stop_);
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk) << outcome.message;
  EXPECT_EQ(dest_.store.entries.size(), 600u);
  // queue (2) + the batch being written (3) + the page being fetched (1).
  EXPECT_LE(worst.load(), 2 + 3 + 1);
  EXPECT_GE(worst.load(), 1);
}

TEST(ActivityObserverTest, ReportsWhatTheRunIsWaitingOn) {
  NullObserver inner;
  ActivityObserver activity(inner);
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1732000000));
  EXPECT_EQ(activity.Current(now).state, WorkerState::kRunning);
  activity.On(RetryScheduled{"api", "429 Too Many Requests", 1, 30s, now + 30s, 429});
  auto waiting = activity.Current(now + 1s);
  EXPECT_EQ(waiting.state, WorkerState::kWaiting);
  // A value, not a sentence: its kind and fields (monitor/ puts it into words).
  EXPECT_EQ(waiting.reason.kind, WaitKind::kApiRateLimited);
  EXPECT_EQ(waiting.reason.http_status, 429);
  EXPECT_EQ(waiting.reason.attempt, 1);
  EXPECT_EQ(waiting.reason.until, now + 30s);
  EXPECT_EQ(activity.Current(now + 31s).state, WorkerState::kRunning);
}

}  // namespace
}  // namespace gb
