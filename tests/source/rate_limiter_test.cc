#include "source/rate_limiter.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace gb {
namespace {

using std::chrono::milliseconds;

TEST(RateLimiterTest, UnlimitedNeverWaits) {
  FakeClock clock;
  RateLimiter limiter(0, clock);
  for (int i = 0; i < 1000; ++i) limiter.Acquire();
  EXPECT_EQ(clock.slept(), milliseconds(0));
}

TEST(RateLimiterTest, SpacesRequestsAtTheRate) {
  FakeClock clock;
  RateLimiter limiter(10, clock);  // one per 100 ms
  for (int i = 0; i < 11; ++i) limiter.Acquire();
  // The first goes at once; the next ten wait 100 ms each.
  EXPECT_EQ(clock.slept(), milliseconds(1000));
}

TEST(RateLimiterTest, IdleTimeEarnsAtMostTheBurst) {
  FakeClock clock;
  RateLimiter limiter(10, clock, /*burst=*/3);
  clock.Advance(milliseconds(60'000));
  for (int i = 0; i < 3; ++i) limiter.Acquire();
  EXPECT_EQ(clock.slept(), milliseconds(0));
  limiter.Acquire();
  EXPECT_EQ(clock.slept(), milliseconds(100));
}

TEST(RateLimiterTest, A429PacesAtWhatTheApiLetThroughThenCreepsBackUp) {
  FakeClock clock;
  RateLimiter limiter(0, clock);
  for (int i = 0; i < 10; ++i) {  // 10 answers within the last second
    limiter.OnAnswer(false);
    clock.Advance(milliseconds(90));
  }
  EXPECT_EQ(limiter.rps(), 0);  // no 429 yet: unlimited
  limiter.OnAnswer(true);
  EXPECT_DOUBLE_EQ(limiter.rps(), 9.0);
  limiter.OnAnswer(true);  // the same burst: one signal
  EXPECT_DOUBLE_EQ(limiter.rps(), 9.0);
  // 45 answers at ~9/s: 5 s of them, ~1 request/s more.
  for (int i = 0; i < 45; ++i) limiter.OnAnswer(false);
  const double raised = limiter.rps();
  EXPECT_NEAR(raised, 10.0, 0.05);
  clock.Advance(milliseconds(1000));
  limiter.OnAnswer(true);  // a second later: another 10% off
  EXPECT_NEAR(limiter.rps(), 0.9 * raised, 1e-9);
  // Paced now: requests are spaced.
  const auto before = clock.slept();
  for (int i = 0; i < 5; ++i) limiter.Acquire();
  EXPECT_GT(clock.slept() - before, milliseconds(300));
}

TEST(RateLimiterTest, MaxRpsStaysTheCeiling) {
  FakeClock clock;
  RateLimiter limiter(5, clock);
  limiter.OnAnswer(true);
  EXPECT_DOUBLE_EQ(limiter.rps(), 4.5);
  for (int i = 0; i < 1000; ++i) limiter.OnAnswer(false);
  EXPECT_DOUBLE_EQ(limiter.rps(), 5.0);
  for (int i = 0; i < 100; ++i) {
    clock.Advance(milliseconds(1000));
    limiter.OnAnswer(true);
  }
  EXPECT_DOUBLE_EQ(limiter.rps(), RateLimiter::kLowest);
  for (int i = 0; i < 5; ++i) limiter.OnAnswer(false);  // back up fast from the floor
  EXPECT_GT(limiter.rps(), 1.0);
}

TEST(RateLimiterTest, SharedAcrossThreadsReservesDistinctSlots) {
  FakeClock clock;
  RateLimiter limiter(100, clock);  // 10 ms apart
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<int64_t> waits;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        auto w = limiter.Reserve().count();
        std::lock_guard lock(mu);
        waits.push_back(w);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::sort(waits.begin(), waits.end());
  ASSERT_EQ(waits.size(), 100u);
  for (size_t i = 0; i < waits.size(); ++i) EXPECT_EQ(waits[i], static_cast<int64_t>(i) * 10'000);
}

}  // namespace
}  // namespace gb
