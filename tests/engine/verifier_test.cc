// Verifier on fakes: per-year totals by boundary differences, months only
// where a year differs, missing and extra ids named by paging one month,
// duplicates and foreign ids reported, and which side failed.
#include "engine/verifier.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/fake_source.h"

namespace gb::testing {
namespace {

struct StoredRow {
  std::string id;
  int64_t at = 0;
};

class FakeVerifyReader final : public VerifyReader {
 public:
  std::vector<StoredRow> rows;
  bool has_table = true;
  int lookups = 0;
  bool fail = false;
  int64_t unlinked = 0;

  std::map<std::string, int64_t> stream_rows;

  Result<bool> HasEntries() override { return has_table; }
  Result<int64_t> CountStream(const StreamModule& stream, const DateSpan&) override {
    return stream_rows[std::string(stream.name)];
  }
  Result<int64_t> CountBetween(int64_t from, int64_t to) override {
    if (fail) return Fail(ErrorKind::kTransient, "connection lost");
    return std::ranges::count_if(rows, [&](const StoredRow& r) { return In(r, from, to); });
  }
  Result<std::vector<std::string>> IdsBetween(int64_t from, int64_t to) override {
    std::vector<std::string> out;
    for (const auto& r : rows) {
      if (In(r, from, to)) out.push_back(r.id);
    }
    return out;
  }
  Result<std::vector<std::string>> ExistingIds(std::span<const std::string> ids) override {
    ++lookups;
    std::vector<std::string> out;
    for (const auto& id : ids) {
      if (std::ranges::any_of(rows, [&](const StoredRow& r) { return r.id == id; })) {
        out.push_back(id);
      }
    }
    return out;
  }
  Result<std::vector<DuplicateId>> Duplicates(int64_t from, int64_t to, int) override {
    std::map<std::string, int64_t> n;
    for (const auto& r : rows) {
      if (In(r, from, to)) ++n[r.id];
    }
    std::vector<DuplicateId> out;
    for (const auto& [id, c] : n) {
      if (c > 1) out.push_back({id, c});
    }
    return out;
  }
  Result<ForeignRows> Foreign(int64_t from, int64_t to, int) override {
    ForeignRows out;
    for (const auto& r : rows) {
      if (In(r, from, to) && r.id.rfind("tme_", 0) != 0) {
        ++out.count;
        out.sample.push_back(r.id);
      }
    }
    return out;
  }
  Result<int64_t> Unlinked(int64_t, int64_t) override { return unlinked; }
  std::string Describe() const override { return "fake"; }

 private:
  static bool In(const StoredRow& r, int64_t from, int64_t to) { return r.at >= from && r.at < to; }
};

VerifyOptions Opt(std::vector<int> years, std::optional<int> month = {}, bool list = false) {
  VerifyOptions o;
  o.years = std::move(years);
  o.month = month;
  o.list_missing = list;
  return o;
}

class VerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // 2023: 3 entries in March, 2 in July; 2024: 4 in January, 1 in March.
    const char* dates[] = {"2023-03-01T00:00:00Z", "2023-03-15T10:00:00Z", "2023-03-31T23:59:59Z",
                           "2023-07-04T12:00:00Z", "2023-07-05T12:00:00Z", "2024-01-01T00:00:00Z",
                           "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z", "2024-01-31T23:59:59Z",
                           "2024-03-10T08:00:00Z"};
    for (int i = 0; i < 10; ++i) nodes_.push_back(MakeNode(i + 1, dates[i], "APPOINTMENT"));
    for (const ApiNode& n : nodes_) reader_.rows.push_back({n.id, *ParseIsoUtc(n.occurred_at)});
  }

  Result<VerifyReport> Verify(VerifyOptions options) {
    if (options.years.empty()) options.years = {2023, 2024};
    options.page_size = 2;  // several pages per month
    options.lookup_batch = 2;
    source_ = std::make_unique<FakeSource>(nodes_);
    verifier_ = std::make_unique<Verifier>(options, zone_, *source_, reader_);
    return verifier_->Run();
  }

  std::vector<ApiNode> nodes_;
  FakeVerifyReader reader_;
  YearZone zone_ = *YearZone::Make("UTC");
  std::unique_ptr<FakeSource> source_;
  std::unique_ptr<Verifier> verifier_;
};

TEST_F(VerifierTest, CompleteLoadMatchesWithoutMonthBreakdown) {
  auto report = Verify(Opt({}));
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->years.size(), 2u);
  EXPECT_EQ(report->years[0].source, 5);
  EXPECT_EQ(report->years[0].destination, 5);
  EXPECT_EQ(report->years[1].source, 5);
  EXPECT_TRUE(report->months.empty());
  EXPECT_TRUE(report->Matches());
  // Three boundaries (2023, 2024, 2025), each asked once.
  EXPECT_EQ(source_->count_calls(), 3);
}

TEST_F(VerifierTest, DeletedRowIsNamedInItsMonth) {
  const std::string gone = nodes_[6].id;  // 2024-01-02
  std::erase_if(reader_.rows, [&](const StoredRow& r) { return r.id == gone; });
  auto report = Verify(Opt({}, {}, true));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_FALSE(report->Matches());
  EXPECT_TRUE(report->years[0].matches());
  EXPECT_EQ(report->years[1].source - report->years[1].destination, 1);
  // Only the months of 2024 are broken down; only January differs.
  ASSERT_EQ(report->months.size(), 12u);
  EXPECT_EQ(report->months[0].month, 1);
  EXPECT_EQ(report->months[0].source, 4);
  EXPECT_EQ(report->months[0].destination, 3);
  EXPECT_TRUE(report->months[2].matches());
  ASSERT_EQ(report->listed.size(), 1u);
  EXPECT_EQ(report->listed[0].month, 1);
  EXPECT_EQ(report->listed[0].source_rows, 4);
  EXPECT_EQ(report->listed[0].missing, std::vector<std::string>{gone});
  EXPECT_TRUE(report->listed[0].extra.empty());
  EXPECT_EQ(reader_.lookups, 2);  // 4 ids in batches of 2, never one query per id
}

TEST_F(VerifierTest, ForeignRowAndDuplicateAreReported) {
  reader_.rows.push_back({"legacy_42", *ParseIsoUtc("2023-07-04T12:00:00Z")});
  reader_.rows.push_back({nodes_[0].id, *ParseIsoUtc(nodes_[0].occurred_at)});
  auto report = Verify(Opt({2023}, 7, true));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_FALSE(report->Matches());
  ASSERT_EQ(report->months.size(), 1u);
  EXPECT_EQ(report->months[0].destination - report->months[0].source, 1);
  EXPECT_EQ(report->foreign.count, 1);
  EXPECT_EQ(report->foreign.sample, std::vector<std::string>{"legacy_42"});
  ASSERT_EQ(report->listed.size(), 1u);
  EXPECT_EQ(report->listed[0].extra, std::vector<std::string>{"legacy_42"});
  EXPECT_TRUE(report->listed[0].missing.empty());
  // The month check covers only July: the March duplicate is outside it.
  EXPECT_TRUE(report->duplicates.empty());
  auto whole = Verify(Opt({2023}));
  ASSERT_TRUE(whole);
  ASSERT_EQ(whole->duplicates.size(), 1u);
  EXPECT_EQ(whole->duplicates[0].external_id, nodes_[0].id);
  EXPECT_EQ(whole->duplicates[0].copies, 2);
}

TEST_F(VerifierTest, MonthStartsFollowTheTimeZone) {
  auto toronto = *YearZone::Make("America/Toronto");
  FakeSource source(nodes_);
  Verifier v(Opt({2024}), toronto, source, reader_);
  EXPECT_EQ(FormatIsoUtc(v.MonthStart(2024, 3)), "2024-03-01T05:00:00Z");
  EXPECT_EQ(FormatIsoUtc(v.MonthStart(2024, 7)), "2024-07-01T04:00:00Z");  // daylight time
  EXPECT_EQ(FormatIsoUtc(v.MonthStart(2024, 13)), "2025-01-01T05:00:00Z");
}

TEST_F(VerifierTest, NoTableCountsZeroAndSaysSo) {
  reader_.has_table = false;
  auto report = Verify(Opt({}));
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->no_table);
  EXPECT_EQ(report->years[0].destination, 0);
  EXPECT_FALSE(report->Matches());
}

TEST_F(VerifierTest, DestinationFailureIsAttributed) {
  reader_.fail = true;
  auto report = Verify(Opt({}));
  ASSERT_FALSE(report);
  EXPECT_FALSE(verifier_->source_failed());
  reader_.fail = false;
  FakeSource failing(nodes_);
  failing.fail_fetch_at = 1;
  Verifier v(Opt({2024}, {}, true), zone_, failing, reader_);
  reader_.rows.pop_back();  // 2024 differs: paging starts and fails
  ASSERT_FALSE(v.Run());
  EXPECT_TRUE(v.source_failed());
}

}  // namespace
}  // namespace gb::testing
