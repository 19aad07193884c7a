#include "source/retrier.h"

#include <gtest/gtest.h>

#include "source/recording_observer.h"

namespace gb {
namespace {

using std::chrono::milliseconds;

TEST(RetrierTest, BackoffCeilingDoublesUpToTheCap) {
  RetryPolicy p;
  p.base_delay = milliseconds(500);
  p.max_delay = milliseconds(30'000);
  EXPECT_EQ(BackoffCeiling(p, 1), milliseconds(500));
  EXPECT_EQ(BackoffCeiling(p, 2), milliseconds(1000));
  EXPECT_EQ(BackoffCeiling(p, 4), milliseconds(4000));
  EXPECT_EQ(BackoffCeiling(p, 7), milliseconds(30'000));
  EXPECT_EQ(BackoffCeiling(p, 60), milliseconds(30'000));
}

TEST(RetrierTest, RetriesTransientWithFullJitterWithinBoundsThenGivesUp) {
  FakeClock clock;
  testing::RecordingObserver observer;
  RetryPolicy p;
  p.max_attempts = 8;
  Retrier retrier(p, clock, observer, "api", 42);
  int calls = 0;
  Result<int> r = retrier.Run<int>([&]() -> Result<int> {
    ++calls;
    return Fail(ErrorKind::kTransient, "HTTP 503 from x", "http:503");
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(calls, 8);
  EXPECT_NE(r.error().message.find("gave up after 8 attempts"), std::string::npos);
  auto waits = observer.Of<RetryScheduled>();
  ASSERT_EQ(waits.size(), 7u);
  milliseconds total(0);
  bool any_nonzero = false;
  for (size_t i = 0; i < waits.size(); ++i) {
    EXPECT_EQ(waits[i].what, "api");
    EXPECT_EQ(waits[i].attempt, static_cast<int>(i) + 1);
    EXPECT_GE(waits[i].delay.count(), 0);
    EXPECT_LE(waits[i].delay, BackoffCeiling(p, waits[i].attempt));
    EXPECT_NE(waits[i].reason.find("503"), std::string::npos);
    any_nonzero |= waits[i].delay.count() > 0;
    total += waits[i].delay;
  }
  EXPECT_TRUE(any_nonzero);
  EXPECT_EQ(clock.slept(), total);  // every wait went through the clock
}

TEST(RetrierTest, JitterVariesBetweenSeeds) {
  FakeClock c1, c2;
  NullObserver obs;
  RetryPolicy p;
  p.max_attempts = 6;
  auto fail = []() -> Result<int> { return Fail(ErrorKind::kTransient, "x"); };
  Retrier(p, c1, obs, "api", 1).Run<int>(fail);
  Retrier(p, c2, obs, "api", 2).Run<int>(fail);
  EXPECT_NE(c1.slept(), c2.slept());
}

TEST(RetrierTest, SucceedsAfterFailuresAndStopsOnPermanent) {
  FakeClock clock;
  NullObserver obs;
  Retrier retrier(RetryPolicy{}, clock, obs);
  int calls = 0;
  auto r = retrier.Run<int>([&]() -> Result<int> {
    if (++calls < 3) return Fail(ErrorKind::kTransient, "timeout");
    return 7;
  });
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 7);
  calls = 0;
  auto p = retrier.Run<int>([&]() -> Result<int> {
    ++calls;
    return Fail(ErrorKind::kConfig, "bad argument");
  });
  EXPECT_FALSE(p);
  EXPECT_EQ(calls, 1);
}

TEST(RetrierTest, RateLimitedWaitsExactlyRetryAfterCapped) {
  FakeClock clock;
  testing::RecordingObserver observer;
  RetryPolicy p;
  p.max_retry_after = milliseconds(60'000);
  Retrier retrier(p, clock, observer);
  int calls = 0;
  auto r = retrier.Run<int>([&]() -> Result<int> {
    ++calls;
    if (calls == 1) {
      Error e{ErrorKind::kRateLimited, "429 Too Many Requests", "http:429", milliseconds(7000)};
      return tl::unexpected(e);
    }
    if (calls == 2) {
      Error e{ErrorKind::kRateLimited, "429 Too Many Requests", "http:429",
              milliseconds(3'600'000)};
      return tl::unexpected(e);
    }
    return 1;
  });
  ASSERT_TRUE(r);
  auto waits = observer.Of<RetryScheduled>();
  ASSERT_EQ(waits.size(), 2u);
  EXPECT_EQ(waits[0].delay, milliseconds(7000));
  EXPECT_EQ(waits[0].until, FakeClock().Now() + milliseconds(7000));
  EXPECT_EQ(waits[1].delay, milliseconds(60'000));
  EXPECT_EQ(clock.slept(), milliseconds(67'000));
}

TEST(RetrierTest, ParseRetryAfterSecondsAndHttpDate) {
  auto now = std::chrono::system_clock::from_time_t(1445412480);  // Wed, 21 Oct 2015 07:28:00 GMT
  EXPECT_EQ(ParseRetryAfter("120", now), milliseconds(120'000));
  EXPECT_EQ(ParseRetryAfter(" 0 ", now), milliseconds(0));
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now), milliseconds(30'000));
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now), milliseconds(0));  // past
  EXPECT_FALSE(ParseRetryAfter("soon", now));
  EXPECT_FALSE(ParseRetryAfter("", now));
}

}  // namespace
}  // namespace gb
