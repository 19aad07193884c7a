#include "engine/bounded_queue.h"

#include <gtest/gtest.h>

#include <thread>

namespace gb {
namespace {

using namespace std::chrono_literals;
using Pop = BoundedQueue<int>::PopResult;

TEST(BoundedQueueTest, DeliversInOrderThenClosed) {
  BoundedQueue<int> q(3);
  EXPECT_TRUE(q.Push(1));
  EXPECT_TRUE(q.Push(2));
  q.Close();
  EXPECT_FALSE(q.Push(3));
  int v = 0;
  EXPECT_EQ(q.Pop(&v, 0ms), Pop::kItem);
  EXPECT_EQ(v, 1);
  EXPECT_EQ(q.Pop(&v, 0ms), Pop::kItem);
  EXPECT_EQ(v, 2);
  EXPECT_EQ(q.Pop(&v, 0ms), Pop::kClosed);
}

TEST(BoundedQueueTest, EmptyTimesOut) {
  BoundedQueue<int> q(1);
  int v = 0;
  EXPECT_EQ(q.Pop(&v, 1ms), Pop::kTimeout);
}

TEST(BoundedQueueTest, ProducerNeverGetsMoreThanCapacityAhead) {
  BoundedQueue<int> q(4);
  std::thread producer([&] {
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(q.Push(i));
    q.Close();
  });
  int v = 0, expected = 0;
  while (q.Pop(&v, 1000ms) == Pop::kItem) EXPECT_EQ(v, expected++);
  producer.join();
  EXPECT_EQ(expected, 1000);
  EXPECT_LE(q.high_water(), 4u);
}

TEST(BoundedQueueTest, CloseUnblocksAFullProducer) {
  BoundedQueue<int> q(1);
  ASSERT_TRUE(q.Push(1));
  std::thread producer([&] { EXPECT_FALSE(q.Push(2)); });
  q.Close();
  producer.join();
}

}  // namespace
}  // namespace gb
