// SyncPlanner and MissingMarker on fakes: the months compared from the
// oldest stored entry to now, only the months that differ below the overlap
// swept (from a proved cursor, or from the top when the cursor fails its
// proof), the top's floor and count, the other streams swept when their
// count differs or their sweep is due, and the rows the source no longer has
// marked (and unmarked when they come back), in the month that differs only.
#include "engine/sync_planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "engine/fake_source.h"
#include "engine/missing_marker.h"

namespace gb::testing {
namespace {

constexpr int64_t kDay = 86400;

// A table of (id, occurred_at) rows, and what sync's store would list as gone.
class FakeTable final : public VerifyReader, public SyncStore {
 public:
  std::map<std::string, int64_t> rows;  // id -> occurred_at
  std::set<std::string> marked;
  std::map<std::string, int64_t> swept;  // stream -> last sweep

  Result<bool> HasEntries() override { return true; }
  Result<int64_t> CountBetween(int64_t from, int64_t to) override {
    return static_cast<int64_t>(IdsIn(from, to).size());
  }
  Result<std::vector<std::string>> IdsBetween(int64_t from, int64_t to) override {
    return IdsIn(from, to);
  }
  Result<std::vector<std::string>> ExistingIds(std::span<const std::string>) override {
    return std::vector<std::string>{};
  }
  Result<std::vector<DuplicateId>> Duplicates(int64_t, int64_t, int) override {
    return std::vector<DuplicateId>{};
  }
  Result<ForeignRows> Foreign(int64_t, int64_t, int) override { return ForeignRows{}; }
  Result<int64_t> Unlinked(int64_t, int64_t) override { return 0; }
  Result<int64_t> CountStream(const StreamModule&, const DateSpan&) override { return 0; }
  std::string Describe() const override { return "fake table"; }

  Result<std::optional<StoredSpan>> TimelineSpan() override {
    if (rows.empty()) return std::optional<StoredSpan>{};
    auto [lo, hi] = std::ranges::minmax_element(
        rows, [](const auto& a, const auto& b) { return a.second < b.second; });
    return std::optional<StoredSpan>{StoredSpan{lo->second, hi->second}};
  }
  Result<std::vector<std::string>> StoredIds(std::string_view) override {
    return std::vector<std::string>{};
  }
  Result<int64_t> Mark(std::string_view, std::span<const std::string> ids, int64_t) override {
    int64_t n = 0;
    for (const auto& id : ids) n += marked.insert(id).second ? 1 : 0;
    return n;
  }
  Result<int64_t> Clear(std::string_view, std::span<const std::string> ids) override {
    int64_t n = 0;
    for (const auto& id : ids) n += static_cast<int64_t>(marked.erase(id));
    return n;
  }
  Result<int64_t> CountMarked(std::string_view) override {
    return static_cast<int64_t>(marked.size());
  }
  Result<std::optional<int64_t>> LastSweep(std::string_view stream) override {
    auto it = swept.find(std::string(stream));
    return it == swept.end() ? std::optional<int64_t>{} : std::optional<int64_t>{it->second};
  }
  Status Schedule(std::string_view, int64_t, int64_t) override { return {}; }
  Status Unschedule(std::string_view) override { return {}; }

 private:
  std::vector<std::string> IdsIn(int64_t from, int64_t to) const {
    std::vector<std::string> out;
    for (const auto& [id, at] : rows) {
      if (at >= from && at < to && !marked.contains(id)) out.push_back(id);
    }
    return out;
  }
};

// One entry a day from 2024-01-01 to 2024-06-29 (UTC), the clock on 2024-07-01.
class SyncPlannerTest : public ::testing::Test {
 protected:
  SyncPlannerTest() : clock_(Start() + 182 * kDay), zone_(*YearZone::Make("UTC")) {
    options_.sync = SyncOptions{};
    options_.sync->overlap = std::chrono::seconds(10 * kDay);
    for (int d = 0; d < 181; ++d)
      nodes_.push_back(MakeNode(d, FormatIsoUtc(Start() + d * kDay), "NOTE"));
    for (const ApiNode& n : nodes_) table_.rows[n.id] = *ParseIsoUtc(n.occurred_at);
  }
  static int64_t Start() { return 1704067200; }  // 2024-01-01T00:00:00Z

  std::unique_ptr<FakeSource> Source() const {
    auto source = std::make_unique<FakeSource>(nodes_);
    source->cursors = true;
    source->shifting = true;
    return source;
  }

  RunOptions options_;
  FakeClock clock_;
  YearZone zone_;
  std::vector<ApiNode> nodes_;
  FakeTable table_;
};

TEST_F(SyncPlannerTest, AnUnchangedSourceSweepsTheOverlapAlone) {
  auto owned = Source();
  FakeSource& source = *owned;
  SyncPlanner planner(options_, zone_, source, nullptr, table_, table_, clock_);
  auto plan = planner.Compare();
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->months.size(), 7u) << "January to July";
  EXPECT_EQ(plan->MonthsDiffering(), 0);
  EXPECT_EQ(plan->floor, Start() + 170 * kDay) << "the newest stored entry minus 10 days";
  EXPECT_EQ(plan->top, 11);
  EXPECT_EQ(plan->years, (std::vector<int>{2024, 2025}));
  std::string note;
  auto units = planner.Units(*plan, &note);
  ASSERT_TRUE(units);
  ASSERT_EQ(units->units.size(), 1u);
  EXPECT_EQ(units->units[0].name, "sync:top");
  EXPECT_TRUE(units->units[0].all_types);
  EXPECT_FALSE(IsCatchAllUnit(units->units[0])) << "every type is loaded, not only unknown ones";
  EXPECT_EQ(units->units[0].expected, 11);
  EXPECT_EQ(units->expected.at(2024), 11);
}

TEST_F(SyncPlannerTest, AMonthThatDiffersIsSweptFromTheProvedCursorOfTheMonthAfterIt) {
  table_.rows.erase(nodes_[40].id);                      // a day of February missing from the table
  table_.rows["tme_gone"] = Start() + 70 * kDay + 3600;  // a March row the source lacks
  auto owned = Source();
  FakeSource& source = *owned;
  SyncPlanner planner(options_, zone_, source, nullptr, table_, table_, clock_);
  auto plan = planner.Compare();
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->MonthsDiffering(), 2);
  std::string note;
  auto units = planner.Units(*plan, &note);
  ASSERT_TRUE(units);
  ASSERT_EQ(units->units.size(), 3u);
  const UnitSpec& feb = units->units[0];
  EXPECT_EQ(feb.name, "sync:2024-02");
  EXPECT_EQ(feb.occurred_at_get, "2024-02-01T00:00:00Z");
  EXPECT_EQ(feb.occurred_before, "2024-03-01T00:00:00Z");
  EXPECT_EQ(feb.expected, 29);
  ASSERT_TRUE(feb.start_after) << "swept from the oldest entry of March on, not from the top";
  EXPECT_EQ(*feb.start_after, std::to_string(181 - 60)) << "the entries since March 1";
  EXPECT_TRUE(note.empty()) << note;
  EXPECT_EQ(units->units[1].name, "sync:2024-03");
  EXPECT_EQ(units->units[2].name, "sync:top");
}

TEST_F(SyncPlannerTest, ACursorThatFailsItsProofSweepsTheMonthFromTheTop) {
  table_.rows.erase(nodes_[40].id);
  auto owned = Source();
  FakeSource& source = *owned;
  source.opaque_cursors = true;  // refused under the month's wider filter
  SyncPlanner planner(options_, zone_, source, nullptr, table_, table_, clock_);
  auto plan = planner.Compare();
  ASSERT_TRUE(plan);
  std::string note;
  auto units = planner.Units(*plan, &note);
  ASSERT_TRUE(units);
  EXPECT_FALSE(units->units[0].start_after);
  EXPECT_EQ(units->units[0].occurred_before, "2024-03-01T00:00:00Z") << "rows above it passed over";
  EXPECT_NE(note.find("refused"), std::string::npos) << note;
}

TEST_F(SyncPlannerTest, AnEmptyTimelineSaysToBackfillFirst) {
  table_.rows.clear();
  auto owned = Source();
  FakeSource& source = *owned;
  SyncPlanner planner(options_, zone_, source, nullptr, table_, table_, clock_);
  auto plan = planner.Compare();
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().kind, ErrorKind::kConfig);
  EXPECT_NE(plan.error().message.find("gazelle-backfill run"), std::string::npos);
}

TEST_F(SyncPlannerTest,
       TheMarkerMarksWhatTheSourceLacksInTheMonthsThatDifferAndUnmarksWhatCameBack) {
  table_.rows["tme_gone"] = Start() + 70 * kDay + 3600;
  table_.marked.insert(nodes_[100].id);  // marked by an earlier sync, at the source again
  auto owned = Source();
  FakeSource& source = *owned;
  SyncPlanner planner(options_, zone_, source, nullptr, table_, table_, clock_);
  MissingMarker marker(planner, source, nullptr, table_, table_, clock_, 7);
  auto made = marker.Mark(true, {});
  ASSERT_TRUE(made) << made.error().message;
  ASSERT_EQ(made->size(), 1u);
  EXPECT_EQ((*made)[0].marked, 1);
  EXPECT_EQ((*made)[0].restored, 1);
  EXPECT_EQ((*made)[0].months, 2) << "March (a row too many) and April (one marked that is back)";
  EXPECT_EQ((*made)[0].total, 1);
  EXPECT_EQ(table_.marked, (std::set<std::string>{"tme_gone"}));
  auto again = marker.Mark(true, {});
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)[0].months, 0) << "every month equal now";
}

}  // namespace
}  // namespace gb::testing
