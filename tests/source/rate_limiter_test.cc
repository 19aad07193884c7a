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
