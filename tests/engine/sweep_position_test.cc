// SweepTracker over a list whose offsets move under the sweep: entries
// arriving at the top present rows again (dropped, counted once), entries
// deleted above make a page skip rows (the sweep steps back, or starts over
// from the top), a piece's rows above its bound belong to the newer piece, and
// the marks a top-up needs are kept. Cursors here are "the offset to start at".
#include "engine/sweep_position.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/iso_time.h"
#include "engine/fake_source.h"

namespace gb {
namespace {

using testing::MakeNode;

// A timeline newest first: entry n occurred n minutes before 2024-06-01.
class Timeline {
 public:
  explicit Timeline(int n) {
    for (int i = 0; i < n; ++i) Push(i);
  }
  void Push(int n) { nodes_.push_back(MakeNode(n, FormatIsoUtc(kTop - 60 * n), "INVOICE")); }
  // An entry newer than all (n < 0 minutes: after the top).
  void Arrive(int n) {
    nodes_.insert(nodes_.begin(), MakeNode(n, FormatIsoUtc(kTop - 60 * n), "INVOICE"));
  }
  void Delete(size_t at) { nodes_.erase(nodes_.begin() + static_cast<long>(at)); }
  Page At(const std::optional<std::string>& after, size_t size = 4) const {
    Page page;
    const size_t from = after ? std::stoul(*after) : 0;
    for (size_t i = from; i < nodes_.size() && i < from + size; ++i)
      page.nodes.push_back(nodes_[i]);
    page.total_count = static_cast<int64_t>(nodes_.size());
    page.end_cursor = std::to_string(from + page.nodes.size());
    page.has_next_page = from + page.nodes.size() < nodes_.size();
    return page;
  }
  static constexpr int64_t kTop = 1717200000;  // 2024-06-01T00:00:00Z

 private:
  std::vector<ApiNode> nodes_;
};

UnitSpec Spec() {
  UnitSpec spec;
  spec.name = "type:INVOICE";
  spec.types = {"INVOICE"};
  spec.occurred_at_get = "2016-01-01T00:00:00Z";
  return spec;
}

// The ids a take keeps.
std::vector<std::string> Kept(const Page& page, const PageTake& take) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < page.nodes.size(); ++i) {
    if (take.keep[i]) ids.push_back(page.nodes[i].id);
  }
  return ids;
}

std::string Id(int n) { return MakeNode(n, "", "").id; }

TEST(SweepPositionTest, EncodesAndDecodesEveryField) {
  SweepPosition p;
  p.started = true;
  p.after = "abc";
  p.back = std::nullopt;
  p.stepped_back = true;
  p.total = 42;
  p.top = {100, {"tme_a", "tme_b"}};
  p.bottom = {50, {"tme_c"}};
  EXPECT_EQ(SweepPosition::Decode(p.Encode()), p);
  EXPECT_EQ(SweepPosition::Decode(""), SweepPosition{});
}

TEST(SweepPositionTest, APlainCursorOfAnOlderCheckpointDecodesAsTheCursor) {
  SweepPosition p = SweepPosition::Decode("YXJyYXljb25uZWN0aW9uOjk5");
  EXPECT_TRUE(p.started);
  EXPECT_EQ(p.after, "YXJyYXljb25uZWN0aW9uOjk5");
  EXPECT_FALSE(p.bottom.set());
}

TEST(SweepPositionTest, RowsPresentedAgainAfterArrivalsAreDroppedOnce) {
  Timeline list(12);
  UnitSpec spec = Spec();
  SweepTracker sweep(spec, {}, true);
  Page first = list.At(sweep.NextAfter());
  PageTake take = sweep.Take(first);
  EXPECT_EQ(Kept(first, take).size(), 4u);
  list.Arrive(-1);  // two entries at the top: the next page starts two rows early
  list.Arrive(-2);
  Page second = list.At(sweep.NextAfter());
  take = sweep.Take(second);
  ASSERT_EQ(take.next, PageTake::Next::kAccept);
  EXPECT_EQ(take.again, 2);
  EXPECT_EQ(Kept(second, take), (std::vector<std::string>{Id(4), Id(5)}));
  Page third = list.At(sweep.NextAfter());
  take = sweep.Take(third);
  EXPECT_EQ(Kept(third, take), (std::vector<std::string>{Id(6), Id(7), Id(8), Id(9)}));
}

TEST(SweepPositionTest, ASkipAfterADeletionAboveStepsBackOnePage) {
  Timeline list(14);
  UnitSpec spec = Spec();
  SweepTracker sweep(spec, {}, true);
  sweep.Take(list.At(sweep.NextAfter()));  // rows 0-3
  Page second = list.At(sweep.NextAfter());
  EXPECT_EQ(Kept(second, sweep.Take(second)).size(), 4u);  // rows 4-7
  list.Delete(0);  // two rows above go: the next page would begin at row 10
  list.Delete(0);
  Page skipped = list.At(sweep.NextAfter());
  EXPECT_EQ(skipped.nodes.front().id, Id(10));
  PageTake take = sweep.Take(skipped);
  EXPECT_EQ(take.next, PageTake::Next::kStepBack);
  EXPECT_EQ(sweep.NextAfter(), "4");  // where the last page began
  Page again = list.At(sweep.NextAfter());
  take = sweep.Take(again);
  ASSERT_EQ(take.next, PageTake::Next::kAccept);
  EXPECT_EQ(Kept(again, take), (std::vector<std::string>{Id(8), Id(9)}));
  Page rest = list.At(sweep.NextAfter());
  EXPECT_EQ(Kept(rest, sweep.Take(rest)),
            (std::vector<std::string>{Id(10), Id(11), Id(12), Id(13)}));
}

TEST(SweepPositionTest, AStepBackThatDoesNotConnectStartsOverFromTheTop) {
  Timeline list(30);
  UnitSpec spec = Spec();
  SweepTracker sweep(spec, {}, true);
  for (int i = 0; i < 3; ++i) sweep.Take(list.At(sweep.NextAfter()));  // rows 0-11
  for (int i = 0; i < 6; ++i) list.Delete(0);                          // more than a page above
  EXPECT_EQ(sweep.Take(list.At(sweep.NextAfter())).next, PageTake::Next::kStepBack);
  EXPECT_EQ(sweep.Take(list.At(sweep.NextAfter())).next, PageTake::Next::kRestart);
  EXPECT_EQ(sweep.NextAfter(), std::nullopt);
  std::vector<std::string> kept;
  for (int i = 0; i < 8; ++i) {
    Page page = list.At(sweep.NextAfter());
    PageTake take = sweep.Take(page);
    ASSERT_EQ(take.next, PageTake::Next::kAccept);
    for (const auto& id : Kept(page, take)) kept.push_back(id);
    if (!page.has_next_page) break;
  }
  ASSERT_FALSE(kept.empty());
  EXPECT_EQ(kept.front(), Id(12)) << "rows read before are dropped, none is skipped";
  EXPECT_EQ(kept.size(), 18u);
}

TEST(SweepPositionTest, APieceDropsTheRowsOfTheNewerPieceAboveItsBound) {
  Timeline list(12);
  UnitSpec spec = Spec();
  spec.start_after = "4";                                        // rows 0-3 are the newer piece
  spec.occurred_before = FormatIsoUtc(Timeline::kTop - 60 * 3);  // row 3's time
  spec.start_total = 12;
  list.Arrive(-1);  // its start cursor shifted by one since the plan
  SweepTracker sweep(spec, {}, true);
  Page first = list.At(sweep.NextAfter());
  PageTake take = sweep.Take(first);
  ASSERT_EQ(take.next, PageTake::Next::kAccept);
  EXPECT_EQ(take.again, 1);
  EXPECT_EQ(Kept(first, take), (std::vector<std::string>{Id(4), Id(5), Id(6)}));
  EXPECT_FALSE(sweep.position().top.set()) << "a piece has no top of the type";
}

TEST(SweepPositionTest, APieceWhoseStartShiftedDownStartsOverFromTheTop) {
  Timeline list(12);
  UnitSpec spec = Spec();
  spec.start_after = "4";
  spec.occurred_before = FormatIsoUtc(Timeline::kTop - 60 * 3);
  spec.start_total = 12;
  list.Delete(0);  // the plan's cursor now skips row 4
  SweepTracker sweep(spec, {}, true);
  EXPECT_EQ(sweep.Take(list.At(sweep.NextAfter())).next, PageTake::Next::kRestart);
  Page top = list.At(sweep.NextAfter());
  Page next = list.At(top.end_cursor);
  PageTake take = sweep.Take(top);
  EXPECT_EQ(Kept(top, take), (std::vector<std::string>{Id(4)}));
  EXPECT_EQ(Kept(next, sweep.Take(next)).front(), Id(5));
}

TEST(SweepPositionTest, TheTopHoldsEveryIdOfTheNewestSecond) {
  Timeline list(0);
  for (int n = 0; n < 6; ++n) list.Push(0);  // six rows at the same second, ids all "0"
  UnitSpec spec = Spec();
  SweepTracker sweep(spec, {}, true);
  Page first = list.At(sweep.NextAfter());
  for (size_t i = 0; i < first.nodes.size(); ++i) first.nodes[i].id = "tme_" + std::to_string(i);
  sweep.Take(first);
  Page second = list.At(sweep.NextAfter());
  for (size_t i = 0; i < second.nodes.size(); ++i) {
    second.nodes[i].id = "tme_" + std::to_string(i + 4);
  }
  sweep.Take(second);
  EXPECT_EQ(sweep.position().top.ids.size(), 6u);
  EXPECT_EQ(sweep.position().top.at, Timeline::kTop);
  EXPECT_EQ(sweep.position().bottom.ids.size(), 6u);
}

TEST(SweepPositionTest, ATopUpKeepsOnlyRowsAboveWhatTheTypeSweepsCovered) {
  Timeline list(10);
  list.Arrive(-1);
  list.Arrive(-2);
  CoveredMarks marks;
  marks.types.emplace_back("INVOICE", SweepMark{Timeline::kTop, {Id(0)}});
  UnitSpec spec;
  spec.name = "top-up:1";
  spec.stop_at = marks.Encode();
  SweepTracker sweep(spec, {}, true);
  Page page = list.At(sweep.NextAfter());
  PageTake take = sweep.Take(page);
  EXPECT_EQ(Kept(page, take), (std::vector<std::string>{Id(-2), Id(-1)}));
  EXPECT_TRUE(take.below_floor) << "older rows are all covered: the top-up is over";
  EXPECT_EQ(sweep.position().top.at, Timeline::kTop + 120);
}

TEST(SweepPositionTest, CoveredMarksCoverTheirTypeOrEveryTypeForAnEarlierTopUp) {
  CoveredMarks marks;
  marks.types.emplace_back("INVOICE", SweepMark{100, {"tme_a"}});
  marks.types.emplace_back("", SweepMark{90, {}});
  EXPECT_TRUE(marks.Covers("INVOICE", true, 99, "tme_x"));
  EXPECT_TRUE(marks.Covers("INVOICE", true, 100, "tme_a"));
  EXPECT_FALSE(marks.Covers("INVOICE", true, 100, "tme_b")) << "same second, arrived later";
  EXPECT_FALSE(marks.Covers("APPOINTMENT", true, 10, "tme_y")) << "its sweep saw nothing";
  EXPECT_TRUE(marks.Covers("ODD_TYPE", false, 80, "tme_z")) << "the catch-all's mark";
  EXPECT_EQ(marks.Floor(), 90);
  CoveredMarks decoded = CoveredMarks::Decode(marks.Encode());
  EXPECT_TRUE(decoded.Covers("INVOICE", true, 100, "tme_a"));
  decoded.all = SweepMark{200, {"tme_q"}};
  EXPECT_TRUE(decoded.Covers("APPOINTMENT", true, 150, "tme_y"));
  EXPECT_EQ(decoded.Floor(), 200);
}

TEST(SweepPositionTest, ARecountCoversEveryTypeOfItsYearUpToItsTop) {
  const int64_t y2024 = 1704067200, y2025 = 1735689600;  // Jan 1, UTC
  CoveredMarks marks;
  marks.types.emplace_back("INVOICE", SweepMark{y2024 + 100, {"tme_a"}});
  marks.years.push_back({2024, y2024, y2025, SweepMark{y2024 + 500, {"tme_r"}}});
  EXPECT_TRUE(marks.Covers("APPOINTMENT", true, y2024 + 400, "tme_x"))
      << "a type its sweep never saw, in the recounted year below the recount's top";
  EXPECT_TRUE(marks.Covers("INVOICE", true, y2024 + 500, "tme_r"));
  EXPECT_FALSE(marks.Covers("INVOICE", true, y2024 + 500, "tme_s")) << "same second, arrived later";
  EXPECT_FALSE(marks.Covers("APPOINTMENT", true, y2024 - 10, "tme_y"))
      << "another year: the recount loaded none of it";
  EXPECT_EQ(marks.Floor(), y2024 + 100) << "the type marks still end the sweep";
  CoveredMarks decoded = CoveredMarks::Decode(marks.Encode());
  ASSERT_EQ(decoded.years.size(), 1u);
  EXPECT_EQ(decoded.years[0].year, 2024);
  EXPECT_TRUE(decoded.Covers("APPOINTMENT", true, y2024 + 400, "tme_x"));
  EXPECT_FALSE(decoded.Covers("APPOINTMENT", true, y2025 + 1, "tme_z")) << "after its year";
}

TEST(SweepPositionTest, AFileSourceKeepsEveryRow) {
  Timeline list(8);
  UnitSpec spec = Spec();
  SweepTracker sweep(spec, {}, false);
  Page first = list.At(sweep.NextAfter());
  sweep.Take(first);
  list.Arrive(-1);
  Page second = list.At(sweep.NextAfter());
  PageTake take = sweep.Take(second);
  EXPECT_EQ(take.again, 0);
  EXPECT_EQ(Kept(second, take).size(), 4u);
}

TEST(SweepPositionTest, UndatedRowsAreAlwaysNewAndMoveNoMark) {
  Timeline list(4);
  UnitSpec spec = Spec();
  SweepTracker sweep(spec, {}, true);
  Page page = list.At(sweep.NextAfter());
  page.nodes[0].occurred_at = "2019-02-30T25:61:00Z";
  PageTake take = sweep.Take(page);
  EXPECT_EQ(Kept(page, take).size(), 4u);
  EXPECT_EQ(sweep.position().top.at, Timeline::kTop - 60);
}

}  // namespace
}  // namespace gb
