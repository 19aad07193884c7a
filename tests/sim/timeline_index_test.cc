// TimelineIndex under changes: back-dated entries inside the order, deletions
// anywhere, edited comments; every filter's count and order checked against a
// brute-force list of the same state; the same calls give the same ids.
#include "sim/timeline_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/entry_types.h"
#include "core/iso_time.h"

namespace gb::sim {
namespace {

constexpr int64_t kDay = 86400;

// Every live entry of a state, newest first, found the slow way.
std::vector<EntryRef> BruteForce(const SimDataset& d, const TimelineChanges& c) {
  std::vector<EntryRef> all;
  for (int64_t p = 0; p < d.base_size(); ++p) {
    if (!c.IsDeleted(p)) all.push_back(d.At(p, 0));
  }
  for (const auto& e : c.inserted()) all.push_back(e.ref);
  std::stable_sort(all.begin(), all.end(), [&](const EntryRef& a, const EntryRef& b) {
    if (a.occurred != b.occurred) return a.occurred > b.occurred;
    if (d.OrderKey(a.gen) != d.OrderKey(b.gen)) return d.OrderKey(a.gen) > d.OrderKey(b.gen);
    return a.gen > b.gen;
  });
  return all;
}

std::vector<EntryFilter> SomeFilters(const SimDataset& d) {
  std::vector<EntryFilter> filters(7);
  filters[1].occurred_min = SimDataset::DataEnd() - 90 * kDay;
  filters[2].occurred_min = *ParseIsoUtc("2020-01-01T00:00:00Z");
  filters[3].types_given = true;
  filters[3].type_mask = (1u << 15) | (1u << 16);  // SERVICE_ENTRY_MANUAL, APPOINTMENT
  filters[4].client = d.ClientOf(d.At(0, 0).gen);
  filters[5].types_given = true;
  filters[5].type_mask = 1u << 15;
  filters[5].occurred_min = SimDataset::DataEnd() - 200 * kDay;
  filters[6].search = "révision";
  return filters;
}

// Find(filter) is exactly the brute-force list filtered, in the same order.
void ExpectExact(const SimDataset& d, TimelineIndex& index, const EntryFilter& filter) {
  SCOPED_TRACE(filter.Key());
  auto state = index.Snapshot();
  std::vector<std::string> expected;
  for (const EntryRef& e : BruteForce(d, *state)) {
    if (filter.Matches(d, e, state.get())) expected.push_back(d.EntryId(e.gen));
  }
  Matches m = index.Find(filter, TimelineView{0, state});
  ASSERT_EQ(m.size(), static_cast<int64_t>(expected.size()));
  for (int64_t i = 0; i < m.size(); ++i) {
    ASSERT_EQ(d.EntryId(m.At(i).gen), expected[i]) << "at " << i;
  }
}

ChangeRequest Request(int64_t backdated, int64_t edited, int64_t deleted, int64_t days = 60) {
  ChangeRequest r;
  r.backdated = backdated;
  r.backdated_days = days;
  r.edited = edited;
  r.deleted = deleted;
  return r;
}

TEST(TimelineIndexTest, BackdatedEntriesLandInsideTheOrderNotOnTop) {
  SimDataset d(3, 0.02, 0.03, false);
  TimelineIndex index(d);
  const int64_t now = SimDataset::DataEnd();
  AppliedChanges applied;
  index.Apply(Request(4, 0, 0), now, &applied);
  ASSERT_EQ(applied.backdated.size(), 4u);
  Matches all = index.Find(EntryFilter{}, TimelineView{0, index.Snapshot()});
  ASSERT_EQ(all.size(), d.base_size() + 4);
  std::set<std::string> backdated(applied.backdated.begin(), applied.backdated.end());
  int64_t seen = 0;
  for (int64_t i = 0; i < all.size(); ++i) {
    const EntryRef e = all.At(i);
    if (i > 0) ASSERT_GE(all.At(i - 1).occurred, e.occurred);
    if (!backdated.count(d.EntryId(e.gen))) continue;
    ++seen;
    EXPECT_GT(i, 100) << "in the middle of the history, not on top";
    EXPECT_LE(e.occurred, now - 60 * kDay);
    EXPECT_GT(e.occurred, now - 61 * kDay);
    EXPECT_EQ(e.base_pos, -1);
  }
  EXPECT_EQ(seen, 4);
  for (const auto& f : SomeFilters(d)) ExpectExact(d, index, f);
}

TEST(TimelineIndexTest, DeletionsAnywhereLeaveEveryFilterExact) {
  SimDataset d(5, 0.02, 0.03, false);
  TimelineIndex index(d);
  AppliedChanges applied;
  index.Apply(Request(0, 0, 60), SimDataset::DataEnd(), &applied);
  ASSERT_EQ(applied.deleted.size(), 60u);
  EXPECT_EQ(index.deleted(), 60);
  // Spread over the whole history: deleted entries in at least five years.
  std::set<std::string> deleted(applied.deleted.begin(), applied.deleted.end());
  std::set<int> years;
  for (int64_t p = 0; p < d.base_size(); ++p) {
    if (deleted.count(d.EntryId(d.At(p, 0).gen)))
      years.insert(std::stoi(FormatIsoUtc(d.At(p, 0).occurred).substr(0, 4)));
  }
  EXPECT_GE(years.size(), 5u);
  Matches all = index.Find(EntryFilter{}, TimelineView{0, index.Snapshot()});
  EXPECT_EQ(all.size(), d.base_size() - 60);
  for (int64_t i = 0; i < all.size(); ++i) ASSERT_FALSE(deleted.count(d.EntryId(all.At(i).gen)));
  for (const auto& f : SomeFilters(d)) ExpectExact(d, index, f);
}

TEST(TimelineIndexTest, EditsChangeTheCommentOnlyAndSearchSeesThem) {
  SimDataset d(7, 0.02, 0.03, false);
  TimelineIndex index(d);
  const auto before = index.Snapshot();
  AppliedChanges applied;
  index.Apply(Request(0, 8, 0), SimDataset::DataEnd(), &applied);
  ASSERT_EQ(applied.edited.size(), 8u);
  const auto after = index.Snapshot();
  std::set<std::string> edited(applied.edited.begin(), applied.edited.end());
  int64_t changed = 0;
  for (int64_t p = 0; p < d.base_size(); ++p) {
    const EntryRef e = d.At(p, 0);
    NodeData was = before->Node(e), now = after->Node(e);
    EXPECT_EQ(was.id, now.id);
    EXPECT_EQ(was.occurred_at, now.occurred_at);
    if (!edited.count(*now.id)) {
      ASSERT_EQ(was.comment, now.comment);
      continue;
    }
    ++changed;
    EXPECT_NE(was.comment, now.comment);
    EXPECT_NE(now.comment->find("révision"), std::string::npos) << *now.comment;
  }
  EXPECT_EQ(changed, static_cast<int64_t>(edited.size()));
  for (const auto& f : SomeFilters(d)) ExpectExact(d, index, f);
}

TEST(TimelineIndexTest, SeveralRoundsStayExactAndTheOldStateStillAnswers) {
  SimDataset d(9, 0.02, 0.03, false);
  TimelineIndex index(d);
  const auto first = index.Snapshot();
  const Matches before = index.Find(EntryFilter{}, TimelineView{0, first});
  for (int round = 0; round < 4; ++round) {
    AppliedChanges applied;
    index.Apply(Request(3, 2, 5, 30 * (round + 1)), SimDataset::DataEnd(), &applied);
    for (const auto& f : SomeFilters(d)) ExpectExact(d, index, f);
  }
  EXPECT_EQ(index.Snapshot()->live_size(), d.base_size() + 12 - 20);
  // A request that took its view before the changes reads that view to the end.
  EXPECT_EQ(before.size(), d.base_size());
  EXPECT_EQ(index.Find(EntryFilter{}, TimelineView{0, first}).size(), d.base_size());
}

TEST(TimelineIndexTest, TheSameCallsGiveTheSameIds) {
  SimDataset d(11, 0.02, 0.03, false);
  auto run = [&] {
    TimelineIndex index(d);
    std::vector<AppliedChanges> out(3);
    for (auto& applied : out) index.Apply(Request(2, 3, 4), SimDataset::DataEnd(), &applied);
    return out;
  };
  auto a = run(), b = run();
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].backdated, b[i].backdated);
    EXPECT_EQ(a[i].edited, b[i].edited);
    EXPECT_EQ(a[i].deleted, b[i].deleted);
  }
  EXPECT_NE(a[0].deleted, a[1].deleted);
}

TEST(TimelineIndexTest, DeleteTakesTheNewestStillThere) {
  SimDataset d(13, 0.02, 0.03, false);
  TimelineIndex index(d);
  const std::string third = d.EntryId(d.At(2, 0).gen);
  EXPECT_EQ(index.Delete(2), 2);
  EXPECT_EQ(index.Delete(1), 1);
  Matches all = index.Find(EntryFilter{}, TimelineView{0, index.Snapshot()});
  EXPECT_EQ(all.size(), d.base_size() - 3);
  EXPECT_EQ(all.At(0).base_pos, 3);
  EXPECT_NE(d.EntryId(all.At(0).gen), third);
}

TEST(TimelineIndexTest, LaterEntriesNameOnlyWhatTheAccountLists) {
  SimDataset d(15, 0.02, 0.5, false);  // half the base entries' users are deleted ones
  const auto users = static_cast<int>(d.users().size());
  for (uint32_t k = 0; k < 2000; ++k) {
    for (uint32_t gen : {static_cast<uint32_t>(d.base_size()) + k, kBackdatedGen + k}) {
      ASSERT_TRUE(d.MadeLater(gen));
      EXPECT_LT(d.UserOf(gen), users);
      EXPECT_FALSE(d.EstimateOf(gen));
      EXPECT_LT(d.ClientOf(gen), d.client_count());
      EXPECT_LT(d.PianoOf(gen), d.PianoCount(d.ClientOf(gen)));
    }
  }
}

}  // namespace
}  // namespace gb::sim
