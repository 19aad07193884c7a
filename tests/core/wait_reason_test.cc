// WaitReason's codes (what the workers table and JSON's reason_code hold)
// and the values a retry makes.
#include "core/wait_reason.h"

#include <gtest/gtest.h>

#include <set>

#include "core/worker_state.h"

namespace gb {
namespace {

TEST(WaitReasonTest, EveryKindWithACodeReadsBackFromIt) {
  std::set<std::string_view> codes;
  for (WaitKind kind : kWaitKinds) {
    std::string_view code = WaitKindCode(kind);
    if (kind == WaitKind::kNone || kind == WaitKind::kText) {
      EXPECT_EQ(code, "");
      continue;
    }
    EXPECT_TRUE(codes.insert(code).second) << "two kinds share " << code;
    EXPECT_EQ(WaitReasonFromCode(code).kind, kind) << code;
  }
}

TEST(WaitReasonTest, ARowWithoutACodeIsItsOldSentenceOrNothing) {
  EXPECT_TRUE(WaitReasonFromCode("", "").empty());
  WaitReason old = WaitReasonFromCode("", "waiting on 429 until 14:02:31");
  EXPECT_EQ(old.kind, WaitKind::kText);
  EXPECT_EQ(old.detail, "waiting on 429 until 14:02:31");
  // A newer version's code this one does not know: its sentence, if any.
  EXPECT_EQ(WaitReasonFromCode("from_the_future", "").kind, WaitKind::kNone);
}

TEST(WaitReasonTest, ARetryIsRateLimitedOnA429AndOtherwiseARetryOfWhatFailed) {
  const auto until = std::chrono::system_clock::time_point(std::chrono::seconds(1732111351));
  WaitReason r = RetryWait("api", 429, "429 Too Many Requests", 3, until);
  EXPECT_EQ(r.kind, WaitKind::kApiRateLimited);
  EXPECT_EQ(r.attempt, 3);
  EXPECT_EQ(r.until, until);
  EXPECT_EQ(RetryWait("api", 503, "HTTP 503 from x", 1, until).kind, WaitKind::kApiRetry);
  EXPECT_EQ(RetryWait("api", 0, "timed out", 1, until).kind, WaitKind::kApiRetry);
  EXPECT_EQ(RetryWait("database", 0, "connection lost", 1, until).kind, WaitKind::kDatabaseRetry);
}

TEST(WorkerStateTest, TheStoredWordsAreTheSameAsEver) {
  for (auto [state, word] : {std::pair{WorkerState::kRunning, "running"},
                             {WorkerState::kWaiting, "waiting"},
                             {WorkerState::kSlow, "slow"},
                             {WorkerState::kStopping, "stopping"},
                             {WorkerState::kStopped, "stopped"},
                             {WorkerState::kDone, "done"},
                             {WorkerState::kFailed, "failed"}}) {
    EXPECT_EQ(WorkerStateName(state), word);
    EXPECT_EQ(ParseWorkerState(word), state);
  }
  for (auto [state, word] : {std::pair{RunState::kPlanned, "planned"},
                             {RunState::kRunning, "running"},
                             {RunState::kDone, "done"},
                             {RunState::kDoneWithRejects, "done_with_rejects"},
                             {RunState::kStopped, "stopped"},
                             {RunState::kFailed, "failed"}}) {
    EXPECT_EQ(RunStateName(state), word);
    EXPECT_EQ(ParseRunState(word), state);
  }
  EXPECT_FALSE(ParseWorkerState("gone"));
  EXPECT_FALSE(ParseRunState("complete_already"));
  EXPECT_TRUE(IsEnded(WorkerState::kStopped));
  EXPECT_FALSE(IsEnded(WorkerState::kSlow));
}

}  // namespace
}  // namespace gb
