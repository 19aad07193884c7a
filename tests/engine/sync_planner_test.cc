// SyncPlanner and MissingMarker on fakes: the months compared from the
// oldest stored entry to now, only the months that differ below the overlap
// swept (from a proved cursor, or from the top when the cursor fails its
// proof), the top's floor and count, the other streams swept when their
// count differs or their sweep is due (only the objects created since a
// floor when the older ones still match), and the rows the source no longer
// has marked (and unmarked when they come back), in the month that differs
// only.
#include "engine/sync_planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "engine/fake_source.h"
#include "engine/missing_marker.h"

namespace gb::testing {
namespace {

constexpr int64_t kDay = 86400;

// The creation date (UTC) of an epoch second, as the API's createdGet reads it.
std::string DayOf(int64_t t) { return FormatIsoUtc(t).substr(0, 10); }

// Objects by id with their creation time (none: createdAt null).
using Created = std::map<std::string, std::optional<int64_t>>;

int64_t CountSince(const Created& objects, const std::string& since,
                   const std::set<std::string>& left_out = {}) {
  return std::ranges::count_if(objects, [&](const auto& o) {
    return !left_out.contains(o.first) &&
           (since.empty() || (o.second && DayOf(*o.second) >= since));
  });
}

// The other streams' side of the API: their objects' creation times; each
// CountFiltered call is one request, its counts kept for the test to read.
class FakeObjects final : public ObjectSource {
 public:
  std::map<std::string, Created> streams;  // stream name -> objects
  int requests = 0;
  std::vector<ObjectCount> asked;

  std::vector<std::string> pages_since;  // each page's created_since ("": the whole)

  Result<ObjectPage> FetchObjects(const ObjectPageRequest& request) override {
    ++requests;
    pages_since.push_back(request.created_since);
    ObjectPage page;
    for (const auto& [id, at] : streams[std::string(request.stream->name)]) {
      if (request.created_since.empty() || (at && DayOf(*at) >= request.created_since)) {
        page.nodes.push_back("{\"id\":\"" + id + "\"}");
      }
    }
    page.total_count = static_cast<int64_t>(page.nodes.size());
    return page;
  }
  Result<std::vector<int64_t>> CountFiltered(std::span<const ObjectCount> counts) override {
    ++requests;
    asked.assign(counts.begin(), counts.end());
    std::vector<int64_t> out;
    for (const ObjectCount& c : counts) {
      out.push_back(CountSince(streams[std::string(c.stream->name)], c.created_since));
    }
    return out;
  }
};

// A table of (id, occurred_at) rows, and what sync's store would list as gone.
class FakeTable final : public VerifyReader, public SyncStore {
 public:
  std::map<std::string, int64_t> rows;  // id -> occurred_at
  std::set<std::string> marked;
  std::map<std::string, int64_t> swept;    // stream -> last sweep
  std::map<std::string, Created> objects;  // another stream's table -> its rows

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
  Result<int64_t> CountStream(const StreamModule& stream, const DateSpan&) override {
    return CountSince(objects[std::string(stream.table)], "", marked);
  }
  std::string Describe() const override { return "fake table"; }

  Result<std::optional<StoredSpan>> TimelineSpan() override {
    if (rows.empty()) return std::optional<StoredSpan>{};
    auto [lo, hi] = std::ranges::minmax_element(
        rows, [](const auto& a, const auto& b) { return a.second < b.second; });
    return std::optional<StoredSpan>{StoredSpan{lo->second, hi->second}};
  }
  Result<std::vector<std::string>> StoredIds(std::string_view table) override {
    std::vector<std::string> ids;
    for (const auto& [id, at] : objects[std::string(table)]) {
      if (!marked.contains(id)) ids.push_back(id);
    }
    return ids;
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
  Result<std::optional<int64_t>> NewestCreated(std::string_view table, std::string_view) override {
    std::optional<int64_t> newest;
    for (const auto& [id, at] : objects[std::string(table)]) {
      if (at && !marked.contains(id)) newest = std::max(newest.value_or(*at), *at);
    }
    return newest;
  }
  Result<int64_t> CountCreatedSince(std::string_view table, std::string_view,
                                    const std::string& date) override {
    ++created_counts;
    return CountSince(objects[std::string(table)], date, marked);
  }
  Result<std::vector<std::string>> StoredIdsCreatedSince(std::string_view table, std::string_view,
                                                         const std::string& date) override {
    std::vector<std::string> ids;
    for (const auto& [id, at] : objects[std::string(table)]) {
      if (!marked.contains(id) && at && DayOf(*at) >= date) ids.push_back(id);
    }
    return ids;
  }
  int created_counts = 0;
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

// Another stream: 100 clients stored and at the source, one created a day
// from 2024-01-01 10:00 UTC (the newest on 2024-04-09), swept whole an hour
// ago; the sync asks the streams alone.
class SyncStreamsTest : public SyncPlannerTest {
 protected:
  SyncStreamsTest() {
    options_.timeline = false;
    options_.streams = {"clients", "events"};
    for (int d = 0; d < 100; ++d) {
      const std::string id = "cli_" + std::to_string(d);
      table_.objects["gazelle_clients"][id] = Start() + d * kDay + 10 * 3600;
      objects_.streams["clients"][id] = Start() + d * kDay + 10 * 3600;
    }
    for (int d = 0; d < 20; ++d) {
      table_.objects["gazelle_events"]["evt_" + std::to_string(d)] = std::nullopt;
      objects_.streams["events"]["evt_" + std::to_string(d)] = std::nullopt;
    }
    table_.swept["clients"] = table_.swept["events"] = Start() + 182 * kDay - 3600;
  }
  // Three clients created at the source since the backfill.
  void NewClients() {
    for (int i = 0; i < 3; ++i) {
      objects_.streams["clients"]["cli_new" + std::to_string(i)] = Start() + 181 * kDay + i;
    }
  }
  Result<Plan> PlanUnits(SyncPlan* compared) {
    auto owned = Source();
    SyncPlanner planner(options_, zone_, *owned, &objects_, table_, table_, clock_);
    auto plan = planner.Compare();
    if (!plan) return tl::unexpected(plan.error());
    *compared = *plan;
    std::string note;
    return planner.Units(*plan, &note);
  }
  const StreamCount& Clients(const SyncPlan& plan) const { return plan.streams.at(0); }

  FakeObjects objects_;
};

TEST_F(SyncStreamsTest, OnlyTheNewObjectsAreFetchedWhenTheOlderOnesStillMatch) {
  NewClients();
  SyncPlan plan;
  auto units = PlanUnits(&plan);
  ASSERT_TRUE(units) << units.error().message;
  const StreamCount& c = Clients(plan);
  EXPECT_EQ(c.action, StreamAction::kNewSince);
  EXPECT_EQ(c.since, "2024-03-30") << "the newest stored creation (2024-04-09) minus the overlap";
  EXPECT_EQ(c.stored_since, 11) << "2024-03-30 to 2024-04-09, inclusive";
  EXPECT_EQ(c.source_since, 14);
  EXPECT_EQ(plan.streams.at(1).action, StreamAction::kEqual) << "events: counts equal";
  EXPECT_EQ(plan.Swept(), std::vector<std::string>{"clients"});
  ASSERT_EQ(units->units.size(), 1u);
  const UnitSpec& unit = units->units[0];
  EXPECT_EQ(unit.name, "clients:new");
  EXPECT_EQ(unit.stream, "clients");
  EXPECT_EQ(unit.created_since, "2024-03-30");
  EXPECT_EQ(unit.expected, 14) << "the source's objects created since the floor";
  // The totals and the window's count in one request; events has no
  // creation filter, so no window is asked of it.
  EXPECT_EQ(objects_.requests, 1);
  ASSERT_EQ(objects_.asked.size(), 3u);
  EXPECT_EQ(objects_.asked[2].stream->name, "clients");
  EXPECT_EQ(objects_.asked[2].created_since, "2024-03-30");
}

TEST_F(SyncStreamsTest, TheFloorIsTheUtcDateOfTheNewestCreationLessTheOverlap) {
  // The newest stored client created at 23:30 UTC: the floor's date is that
  // day's, ten days back, whatever the hour.
  table_.objects["gazelle_clients"]["cli_late"] = Start() + 99 * kDay + 23 * 3600 + 1800;
  objects_.streams["clients"]["cli_late"] = Start() + 99 * kDay + 23 * 3600 + 1800;
  NewClients();
  SyncPlan plan;
  ASSERT_TRUE(PlanUnits(&plan));
  EXPECT_EQ(Clients(plan).since, "2024-03-30");
  EXPECT_EQ(Clients(plan).stored_since, 12);
}

TEST_F(SyncStreamsTest, AStreamWhoseOlderObjectsDifferIsSweptWhole) {
  NewClients();
  objects_.streams["clients"].erase("cli_5");  // deleted at the source, long ago created
  SyncPlan plan;
  auto units = PlanUnits(&plan);
  ASSERT_TRUE(units);
  EXPECT_EQ(Clients(plan).action, StreamAction::kWhole);
  ASSERT_EQ(units->units.size(), 1u);
  EXPECT_EQ(units->units[0].name, "clients");
  EXPECT_TRUE(units->units[0].created_since.empty());
  EXPECT_EQ(units->units[0].expected, 102);
}

TEST_F(SyncStreamsTest, AnOlderObjectWithoutCreationTimeIsNotInTheWindow) {
  objects_.streams["clients"]["cli_undated"] = std::nullopt;  // new, but createdAt null
  SyncPlan plan;
  ASSERT_TRUE(PlanUnits(&plan));
  EXPECT_EQ(Clients(plan).action, StreamAction::kWhole) << "the window cannot find it";
}

TEST_F(SyncStreamsTest, ADueSweepIsWholeAndAsksNoWindow) {
  NewClients();
  table_.swept["clients"] = Start() + 182 * kDay - 2 * kDay;  // older than --sweep-every (1 day)
  SyncPlan plan;
  auto units = PlanUnits(&plan);
  ASSERT_TRUE(units);
  EXPECT_EQ(Clients(plan).action, StreamAction::kWhole);
  EXPECT_TRUE(Clients(plan).since.empty());
  ASSERT_EQ(units->units.size(), 1u);
  EXPECT_EQ(units->units[0].name, "clients");
  EXPECT_EQ(objects_.asked.size(), 2u) << "the totals alone";
  EXPECT_EQ(table_.created_counts, 0);
  table_.swept.erase("clients");  // never swept whole
  ASSERT_TRUE(PlanUnits(&plan));
  EXPECT_EQ(Clients(plan).action, StreamAction::kWhole);
}

TEST_F(SyncStreamsTest, ADueSweepIsWholeEvenWhenTheCountsAreEqual) {
  table_.swept["events"] = Start() + 182 * kDay - 2 * kDay;
  SyncPlan plan;
  ASSERT_TRUE(PlanUnits(&plan));
  EXPECT_EQ(Clients(plan).action, StreamAction::kEqual);
  EXPECT_EQ(plan.streams.at(1).action, StreamAction::kWhole) << "events' edits";
}

TEST_F(SyncStreamsTest, AStreamWithoutCreationFilterIsSweptWholeWhenItsCountDiffers) {
  objects_.streams["events"]["evt_new"] = Start() + 181 * kDay;
  SyncPlan plan;
  auto units = PlanUnits(&plan);
  ASSERT_TRUE(units);
  EXPECT_EQ(plan.streams.at(1).action, StreamAction::kWhole);
  EXPECT_TRUE(plan.streams.at(1).since.empty());
  ASSERT_EQ(units->units.size(), 1u);
  EXPECT_EQ(units->units[0].name, "events");
}

TEST_F(SyncStreamsTest, ADeletionInTheWindowFetchesTheWindowAgain) {
  objects_.streams["clients"].erase("cli_99");  // created within the window, deleted
  SyncPlan plan;
  auto units = PlanUnits(&plan);
  ASSERT_TRUE(units);
  EXPECT_EQ(Clients(plan).action, StreamAction::kNewSince);
  ASSERT_EQ(units->units.size(), 1u);
  EXPECT_EQ(units->units[0].expected, 10);
}

// After the new objects are fetched, a client created in the window and
// deleted at the source still makes the counts differ: the marker marks it.
TEST_F(SyncStreamsTest, AfterTheNewObjectsTheMarkerMarksOneDeletedInTheWindow) {
  NewClients();
  objects_.streams["clients"].erase("cli_99");
  SyncPlan plan;
  ASSERT_TRUE(PlanUnits(&plan));
  ASSERT_EQ(Clients(plan).action, StreamAction::kNewSince);
  for (const auto& [id, at] : objects_.streams["clients"]) {
    table_.objects["gazelle_clients"][id] = at;  // the unit's work
  }
  auto owned = Source();
  SyncPlanner planner(options_, zone_, *owned, &objects_, table_, table_, clock_);
  MissingMarker marker(planner, *owned, &objects_, table_, table_, clock_, 100);
  // The floor the unit had: the clients it loaded moved the newest stored
  // creation time (a floor taken now would leave cli_99 below it).
  auto made = marker.Mark(false, plan.Swept(), {{"clients", Clients(plan).since}});
  ASSERT_TRUE(made) << made.error().message;
  ASSERT_EQ(made->size(), 1u);
  EXPECT_EQ((*made)[0].stream, "clients");
  EXPECT_EQ((*made)[0].marked, 1);
  EXPECT_EQ(table_.marked, (std::set<std::string>{"cli_99"}));
  EXPECT_EQ(objects_.pages_since, std::vector<std::string>{"2024-03-30"})
      << "the window's ids alone are paged";
}

// An older client deleted at the source (the stream swept whole): the
// marker pages the whole connection and marks it.
TEST_F(SyncStreamsTest, TheMarkerPagesTheWholeStreamWhenAnOlderObjectIsGone) {
  objects_.streams["clients"].erase("cli_5");
  auto owned = Source();
  SyncPlanner planner(options_, zone_, *owned, &objects_, table_, table_, clock_);
  MissingMarker marker(planner, *owned, &objects_, table_, table_, clock_, 100);
  auto made = marker.Mark(false, {"clients", "events"});
  ASSERT_TRUE(made) << made.error().message;
  ASSERT_EQ(made->size(), 2u);
  EXPECT_EQ((*made)[0].marked, 1);
  EXPECT_EQ(table_.marked, (std::set<std::string>{"cli_5"}));
  EXPECT_EQ(objects_.pages_since, std::vector<std::string>{""}) << "the whole; events equal";
}

// The new objects' unit, once done, is not a whole sweep: the next sync,
// its whole sweep due, still sweeps whole (the store's LastSweep counts whole
// sweeps only: tests/sink/sync_store_test.cc; here the planner's side).
TEST_F(SyncStreamsTest, ANewObjectsUnitDoesNotPutTheDueSweepOff) {
  NewClients();
  SyncPlan plan;
  ASSERT_TRUE(PlanUnits(&plan));
  ASSERT_EQ(Clients(plan).action, StreamAction::kNewSince);
  // The window loaded; a day and a half later, the last whole sweep is the
  // backfill's, so the whole sweep is due.
  for (const auto& [id, at] : objects_.streams["clients"]) {
    table_.objects["gazelle_clients"][id] = at;
  }
  clock_.Advance(std::chrono::seconds(kDay + kDay / 2));
  ASSERT_TRUE(PlanUnits(&plan));
  EXPECT_EQ(Clients(plan).action, StreamAction::kWhole);
  EXPECT_EQ(Clients(plan).last_sweep, Start() + 182 * kDay - 3600);
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
