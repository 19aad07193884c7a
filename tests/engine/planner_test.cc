#include "engine/planner.h"

#include <gtest/gtest.h>

#include <set>

#include "fake_source.h"

namespace gb {
namespace {

using testing::FakeSource;
using testing::MakeNode;

std::vector<ApiNode> Dataset() {
  return {MakeNode(1, "2026-01-02T00:00:00Z", "APPOINTMENT"),
          MakeNode(2, "2025-06-01T00:00:00Z", "APPOINTMENT"),
          MakeNode(3, "2025-01-01T00:00:00Z", "INVOICE"),
          MakeNode(4, "2024-12-31T23:59:59Z", "INVOICE"),
          MakeNode(5, "2025-01-01T04:59:59Z", "INVOICE"),  // 2024 in Toronto
          MakeNode(6, "2024-03-01T00:00:00Z", "USER_COMMENT"),
          MakeNode(7, "2023-03-01T00:00:00Z", "USER_COMMENT")};
}

TEST(PlannerTest, ExpectedPerYearByDifferences) {
  FakeSource source(Dataset());
  RunOptions options;
  options.years = {2024, 2025};
  auto zone = *YearZone::Make("UTC");
  auto plan = Planner(options, zone).Make(source);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->expected, (std::map<int, int64_t>{{2024, 2}, {2025, 3}}));
  EXPECT_EQ(plan->units.size(), 28u);  // every type is known: no catch-all
  EXPECT_EQ(plan->unknown_type_rows, 0);
  for (const UnitSpec& unit : plan->units) {
    ASSERT_EQ(unit.types.size(), 1u);
    EXPECT_EQ(unit.name, "type:" + unit.types[0]);
    EXPECT_EQ(unit.occurred_at_get, "2024-01-01T00:00:00Z");
  }
}

TEST(PlannerTest, YearBoundariesInTheRunZone) {
  FakeSource source(Dataset());
  RunOptions options;
  options.years = {2024, 2025};
  auto zone = *YearZone::Make("America/Toronto");
  auto plan = Planner(options, zone).Make(source);
  ASSERT_TRUE(plan);
  // Node 3 (Jan 1 00:00 UTC) and 5 are still 2024 in Toronto.
  EXPECT_EQ(plan->expected, (std::map<int, int64_t>{{2024, 4}, {2025, 1}}));
  EXPECT_EQ(plan->units.front().occurred_at_get, "2024-01-01T05:00:00Z");
}

TEST(PlannerTest, NonContiguousYearsAskEachBoundaryOnce) {
  FakeSource source(Dataset());
  RunOptions options;
  options.years = {2023, 2025};
  auto zone = *YearZone::Make("UTC");
  auto plan = Planner(options, zone).Make(source);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->expected, (std::map<int, int64_t>{{2023, 1}, {2025, 3}}));
  EXPECT_EQ(source.count_calls(), 4 + 28);  // 2023, 2024, 2025, 2026 + one per type
}

TEST(PlannerTest, UnknownTypesGetACatchAllUnit) {
  auto nodes = Dataset();
  nodes.push_back(MakeNode(8, "2025-02-01T00:00:00Z", "BRAND_NEW_TYPE"));
  FakeSource source(nodes);
  RunOptions options;
  options.years = {2025};
  auto zone = *YearZone::Make("UTC");
  auto plan = Planner(options, zone).Make(source);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->expected.at(2025), 4);
  ASSERT_EQ(plan->units.size(), 29u);
  EXPECT_EQ(plan->units.back().name, kCatchAllUnit);
  EXPECT_TRUE(IsCatchAllUnit(plan->units.back()));
  EXPECT_EQ(plan->unknown_type_rows, 1);
}

// 400 entries a year of one type, 2020-2024, and a few of another.
std::vector<ApiNode> HeavyDataset() {
  std::vector<ApiNode> nodes;
  for (int i = 0; i < 2000; ++i) {
    const int64_t day = int64_t{i % 400} * 86400 * 365 / 400;
    nodes.push_back(MakeNode(
        i, FormatIsoUtc(*ParseIsoUtc(std::to_string(2020 + i / 400) + "-01-01T00:00:00Z") + day),
        "APPOINTMENT"));
  }
  for (int i = 0; i < 30; ++i)
    nodes.push_back(MakeNode(5000 + i, "2022-05-05T00:00:00Z", "INVOICE"));
  return nodes;
}

// Every unit of the plan swept the way a stream sweeps it: from its start
// cursor (or the newest entry) to the end of its filter.
std::map<std::string, std::vector<std::string>> Sweep(FakeSource& source, const Plan& plan) {
  std::map<std::string, std::vector<std::string>> ids;
  for (const UnitSpec& unit : plan.units) {
    std::optional<std::string> after = unit.start_after;
    for (;;) {
      auto page =
          source.FetchPage({{unit.types, unit.client_id, unit.occurred_at_get}, after, 100});
      EXPECT_TRUE(page);
      if (!page) break;
      for (const ApiNode& n : page->nodes) ids[unit.name].push_back(n.id);
      if (!page->has_next_page) break;
      after = page->end_cursor;
    }
  }
  return ids;
}

TEST(PlannerTest, HeavyTypeIsSplitInTimePiecesThatCoverItExactlyOnce) {
  FakeSource source(HeavyDataset());
  source.cursors = true;
  RunOptions options;
  options.years = {2020, 2021, 2022, 2023, 2024};
  auto zone = *YearZone::Make("UTC");
  auto plan = Planner(options, zone).Make(source);
  ASSERT_TRUE(plan) << plan.error().message;
  // 2,030 entries: pieces of at least kMinPiece (500), cut at year starts.
  std::vector<std::string> names;
  for (const UnitSpec& u : plan->units) {
    if (u.types == std::vector<std::string>{"APPOINTMENT"}) names.push_back(u.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"type:APPOINTMENT:2023-", "type:APPOINTMENT:2021-2022",
                                             "type:APPOINTMENT:2020-2020"}));
  EXPECT_EQ(plan->units.size(), 28u + 2u);
  EXPECT_EQ(plan->units.front().expected, 800);  // biggest first
  std::set<std::string> all;
  for (const auto& [name, ids] : Sweep(source, *plan)) {
    for (const UnitSpec& u : plan->units) {
      if (u.name == name) {
        EXPECT_EQ(static_cast<int64_t>(ids.size()), u.expected) << name;
      }
    }
    for (const std::string& id : ids) EXPECT_TRUE(all.insert(id).second) << "twice: " << id;
  }
  EXPECT_EQ(all.size(), 2030u);
}

TEST(PlannerTest, NoSplitWithoutCursorsOrBelowTheMinimumPiece) {
  FakeSource source(HeavyDataset());  // cursors off: the source cannot tell
  RunOptions options;
  options.years = {2020, 2021, 2022, 2023, 2024};
  auto zone = *YearZone::Make("UTC");
  auto plan = Planner(options, zone).Make(source);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->units.size(), 28u);
  EXPECT_EQ(plan->units.front().name, "type:APPOINTMENT");
  EXPECT_EQ(plan->units.front().expected, 2000);
  EXPECT_FALSE(plan->units.front().start_after);
  FakeSource small(Dataset());
  small.cursors = true;
  options.years = {2024, 2025};
  auto few = Planner(options, zone).Make(small);
  ASSERT_TRUE(few);
  EXPECT_EQ(few->units.size(), 28u);
}

// Nothing promises that a cursor of one filter means anything under another:
// cuts are proved first, and a source that refuses the cut cursor under the
// wider filter, or whose cursor does not skip exactly the newer piece, gets
// uncut units and the reason.
TEST(PlannerTest, CutsThatFailTheirProofAreNotUsed) {
  RunOptions options;
  options.years = {2020, 2021, 2022, 2023, 2024};
  auto zone = *YearZone::Make("UTC");
  FakeSource opaque(HeavyDataset());
  opaque.cursors = true;
  opaque.opaque_cursors = true;
  auto plan = Planner(options, zone).Make(opaque);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->units.size(), 28u);
  EXPECT_EQ(plan->units.front().name, "type:APPOINTMENT");
  EXPECT_EQ(plan->units.front().expected, 2000);
  EXPECT_NE(plan->cuts_refused.find("refused the cut cursor of type:APPOINTMENT"),
            std::string::npos)
      << plan->cuts_refused;
  FakeSource lagging(HeavyDataset());
  lagging.cursors = true;
  lagging.cursor_lag = 1;
  plan = Planner(options, zone).Make(lagging);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->units.size(), 28u);
  EXPECT_NE(plan->cuts_refused.find("the first entry is not older than"), std::string::npos)
      << plan->cuts_refused;
  FakeSource honest(HeavyDataset());
  honest.cursors = true;
  plan = Planner(options, zone).Make(honest);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->cuts_refused, "");
  EXPECT_EQ(plan->units.size(), 30u);
}

TEST(PlannerTest, FingerprintCoversTheParametersThatDefineTheData) {
  auto zone = *YearZone::Make("UTC");
  RunOptions a;
  a.years = {2016, 2017};
  const std::string base = Planner(a, zone).Fingerprint("src");
  EXPECT_EQ(base, Planner(a, zone).Fingerprint("src"));
  EXPECT_NE(base, Planner(a, zone).Fingerprint("other src"));
  RunOptions b = a;
  b.batch_size = 7;  // how, not what: same data
  b.concurrency = 3;
  EXPECT_EQ(base, Planner(b, zone).Fingerprint("src"));
  b = a;
  b.years = {2016};
  EXPECT_NE(base, Planner(b, zone).Fingerprint("src"));
  b = a;
  b.legacy_types = true;
  EXPECT_NE(base, Planner(b, zone).Fingerprint("src"));
  b = a;
  b.truncate = std::make_pair(500, 2000);
  EXPECT_NE(base, Planner(b, zone).Fingerprint("src"));
  auto toronto = *YearZone::Make("America/Toronto");
  EXPECT_NE(base, Planner(a, toronto).Fingerprint("src"));
  EXPECT_NE(Planner(a, zone).ParamsJson("src").find("\"years\":[2016,2017]"), std::string::npos);
}

}  // namespace
}  // namespace gb
