#include "cli/verify_streams.h"

#include <gtest/gtest.h>

namespace gb::cli {
namespace {

std::vector<std::string> Names(const VerifiedSet& set) {
  std::vector<std::string> names;
  for (const StreamModule* s : set.streams) names.emplace_back(s->name);
  return names;
}

TEST(VerifiedStreamsTest, TheFlagDecidesWhetherTheTimelineIsChecked) {
  auto others = VerifiedStreams("clients,events", std::nullopt);
  ASSERT_TRUE(others);
  EXPECT_FALSE(others->timeline);
  EXPECT_EQ(Names(*others), (std::vector<std::string>{"clients", "events"}));
  auto both = VerifiedStreams("timeline,pianos", std::nullopt);
  ASSERT_TRUE(both);
  EXPECT_TRUE(both->timeline);
  EXPECT_EQ(Names(*both), (std::vector<std::string>{"pianos"}));
}

TEST(VerifiedStreamsTest, WithoutTheFlagTheRunsStreams) {
  auto timeline_run = VerifiedStreams("", R"({"years":[2024]})");
  ASSERT_TRUE(timeline_run);
  EXPECT_TRUE(timeline_run->timeline);
  EXPECT_TRUE(timeline_run->streams.empty());
  auto streams_run = VerifiedStreams("", R"({"streams":["clients","invoices"]})");
  ASSERT_TRUE(streams_run);
  EXPECT_FALSE(streams_run->timeline) << "a run of other streams only: no timeline to compare";
  EXPECT_EQ(Names(*streams_run), (std::vector<std::string>{"clients", "invoices"}));
  auto no_run = VerifiedStreams("", std::nullopt);
  ASSERT_TRUE(no_run);
  EXPECT_TRUE(no_run->timeline);
}

TEST(VerifiedStreamsTest, AnUnknownStreamIsRefused) {
  EXPECT_FALSE(VerifiedStreams("clients,customers", std::nullopt));
}

}  // namespace
}  // namespace gb::cli
