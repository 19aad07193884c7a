#include "engine/batch_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "fake_destination.h"

namespace gb {
namespace {

using testing::FakeDestination;

class BatchWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = dest_.Connect();
    ASSERT_TRUE(s);
    control_ = std::move(*s);
    auto run = control_->CreateRun({"fp",
                                    "{}",
                                    {{2024, 0}},
                                    {UnitSpec{.name = "type:X",
                                              .types = {"X"},
                                              .client_id = std::nullopt,
                                              .occurred_at_get = "",
                                              .start_after = std::nullopt}}});
    ASSERT_TRUE(run);
  }

  Batch MakeBatch(int n) {
    Batch b;
    b.unit = "type:X";
    for (int i = 0; i < n; ++i) {
      Row r;
      r.external_id = "tme_" + std::to_string(i);
      r.year = 2024;
      r.source_type = r.entry_type = "X";
      r.user_id = "usr_1";
      r.raw = "{\"n\":" + std::to_string(i) + "}";
      b.rows.push_back(r);
      b.repaired.push_back(false);
    }
    b.fetched = n;
    b.pages = 1;
    b.checkpoint = {1, 1, "w", "cursor-1", n, false};
    return b;
  }

  static int64_t Sum(const CountTable& t, int64_t Counts::*field) {
    int64_t s = 0;
    for (const auto& [k, c] : t) s += c.*field;
    return s;
  }

  FakeClock clock_;
  FakeDestination dest_{clock_};
  std::unique_ptr<Session> control_;
  NullObserver observer_;
  std::atomic<bool> stop_{false};
  RetryingSession session_{dest_, observer_, clock_, nullptr, stop_};
  BatchWriter writer_{session_, observer_};
};

TEST_F(BatchWriterTest, CleanBatchIsOneStatement) {
  auto r = writer_.Write(MakeBatch(500));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->statements, 1);
  EXPECT_EQ(Sum(r->counts, &Counts::inserted), 500);
  EXPECT_EQ(dest_.store.entries.size(), 500u);
  EXPECT_EQ(dest_.store.units[0].state.cursor, "cursor-1");
  EXPECT_EQ(Sum(dest_.store.counters[1], &Counts::inserted), 500);
}

TEST_F(BatchWriterTest, OneBadRowInFiveHundredIsIsolatedInLogarithmicStatements) {
  dest_.reject_rule = [](const Row& row) -> std::optional<Error> {
    if (row.external_id == "tme_321") {
      return Error{ErrorKind::kData, "new row violates check constraint", "23514"};
    }
    return std::nullopt;
  };
  auto r = writer_.Write(MakeBatch(500));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_LE(r->statements, 1 + 2 * static_cast<int>(std::ceil(std::log2(500))));
  ASSERT_EQ(r->rejected.size(), 1u);
  EXPECT_EQ(r->rejected[0].external_id, "tme_321");
  EXPECT_EQ(r->rejected[0].sqlstate, "23514");
  EXPECT_EQ(r->rejected[0].raw, "{\"n\":321}");
  EXPECT_EQ(Sum(r->counts, &Counts::inserted), 499);
  EXPECT_EQ(Sum(r->counts, &Counts::rejected), 1);
  EXPECT_EQ(dest_.store.entries.size(), 499u);
  ASSERT_EQ(dest_.store.rejects.size(), 1u);
  EXPECT_EQ(dest_.store.rejects[0].reject.reason, "new row violates check constraint");
}

TEST_F(BatchWriterTest, SeveralBadRows) {
  const std::set<std::string> bad = {"tme_0", "tme_7", "tme_8", "tme_250", "tme_499"};
  dest_.reject_rule = [&](const Row& row) -> std::optional<Error> {
    if (bad.contains(row.external_id)) return Error{ErrorKind::kData, "bad", "22P02"};
    return std::nullopt;
  };
  auto r = writer_.Write(MakeBatch(500));
  ASSERT_TRUE(r);
  std::set<std::string> rejected;
  for (const Reject& x : r->rejected) rejected.insert(x.external_id);
  EXPECT_EQ(rejected, bad);
  EXPECT_LE(r->statements, 1 + 5 * 2 * 9);
  EXPECT_EQ(Sum(r->counts, &Counts::inserted) + Sum(r->counts, &Counts::rejected), 500);
}

TEST_F(BatchWriterTest, UnknownUserIsRepairedWithTheOriginalKept) {
  dest_.reject_rule = [](const Row& row) -> std::optional<Error> {
    if (row.user_id == "usr_gone") return testing::MissingReference("user_id", "users");
    return std::nullopt;
  };
  Batch b = MakeBatch(10);
  b.rows[4].user_id = "usr_gone";
  auto r = writer_.Write(b);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->rejected.empty());
  EXPECT_EQ(Sum(r->counts, &Counts::inserted), 9);
  EXPECT_EQ(Sum(r->counts, &Counts::repaired), 1);
  const Row& stored = dest_.store.entries.at("tme_4");
  EXPECT_FALSE(stored.user_id.has_value());
  auto meta = nlohmann::json::parse(stored.metadata);
  EXPECT_EQ(meta["unresolved_user_id"], "usr_gone");
}

// A missing reference the sink could not name is taken for the users' one.
TEST_F(BatchWriterTest, UnnamedMissingReferenceRepairsTheUserLink) {
  dest_.reject_rule = [](const Row& row) -> std::optional<Error> {
    if (row.user_id == "usr_gone") return testing::MissingReference("", "");
    return std::nullopt;
  };
  Batch b = MakeBatch(4);
  b.rows[2].user_id = "usr_gone";
  auto r = writer_.Write(b);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->rejected.empty());
  EXPECT_EQ(Sum(r->counts, &Counts::repaired), 1);
  const Row& stored = dest_.store.entries.at("tme_2");
  EXPECT_FALSE(stored.user_id.has_value());
  EXPECT_TRUE(stored.unlinked);  // the sink counts it as unlinked too
}

// Every link of an entry is repaired the same way (core/row_links.h): a
// missing client nulls client_id, kept under unresolved_client_id; the user
// link is left alone.
TEST_F(BatchWriterTest, MissingReferenceOfAnotherLinkIsRepairedTheSameWay) {
  dest_.reject_rule = [](const Row& row) -> std::optional<Error> {
    if (row.client_id == "cli_gone") return testing::MissingReference("client_id", "clients");
    return std::nullopt;
  };
  Batch b = MakeBatch(6);
  b.rows[3].client_id = "cli_gone";
  b.rows[3].user_id = "usr_kept";
  auto r = writer_.Write(b);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->rejected.empty());
  EXPECT_EQ(Sum(r->counts, &Counts::inserted), 5);
  EXPECT_EQ(Sum(r->counts, &Counts::repaired), 1);
  const Row& stored = dest_.store.entries.at("tme_3");
  EXPECT_FALSE(stored.client_id.has_value());
  EXPECT_EQ(stored.user_id, "usr_kept");
  EXPECT_TRUE(stored.unlinked);
  auto meta = nlohmann::json::parse(stored.metadata);
  EXPECT_EQ(meta["unresolved_client_id"], "cli_gone");
  EXPECT_FALSE(meta.contains("unresolved_user_id"));
}

// A missing reference of a column that holds no link of the entry (a foreign
// key the business added) is a reject, kept with its raw record.
TEST_F(BatchWriterTest, MissingReferenceOfAColumnHoldingNoLinkIsRejected) {
  dest_.reject_rule = [](const Row& row) -> std::optional<Error> {
    if (row.external_id == "tme_3") return testing::MissingReference("category_id", "categories");
    return std::nullopt;
  };
  Batch b = MakeBatch(6);
  auto r = writer_.Write(b);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->rejected.size(), 1u);
  EXPECT_EQ(r->rejected[0].external_id, "tme_3");
  EXPECT_EQ(r->rejected[0].reason, "the row's category_id names no row of categories");
  EXPECT_EQ(Sum(r->counts, &Counts::inserted), 5);
  EXPECT_EQ(Sum(r->counts, &Counts::repaired), 0);
  EXPECT_FALSE(dest_.store.entries.contains("tme_3"));
}

// The engine reads the classification, never the code: a foreign key's
// SQLSTATE on an error the sink did not classify is an ordinary reject.
TEST_F(BatchWriterTest, TheDatabaseCodeAloneRepairsNothing) {
  dest_.reject_rule = [](const Row& row) -> std::optional<Error> {
    if (row.user_id == "usr_gone") return Error{ErrorKind::kData, "fk violation", "23503"};
    return std::nullopt;
  };
  Batch b = MakeBatch(3);
  b.rows[1].user_id = "usr_gone";
  auto r = writer_.Write(b);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->rejected.size(), 1u);
  EXPECT_EQ(r->rejected[0].sqlstate, "23503");  // kept for the user, not interpreted
  EXPECT_EQ(Sum(r->counts, &Counts::repaired), 0);
}

TEST_F(BatchWriterTest, TransformRepairedRowsCountAsRepairedOnce) {
  Batch b = MakeBatch(3);
  b.rows[1].repaired = true;
  auto r = writer_.Write(b);
  ASSERT_TRUE(r);
  EXPECT_EQ(Sum(r->counts, &Counts::inserted), 2);
  EXPECT_EQ(Sum(r->counts, &Counts::repaired), 1);
}

TEST_F(BatchWriterTest, DuplicateIdsInOneBatchAreAllLoaded) {
  Batch b = MakeBatch(4);
  b.rows[3].external_id = "tme_1";
  auto r = writer_.Write(b);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->rejected.empty());
  Counts sum;
  for (const auto& [k, c] : r->counts) sum += c;
  EXPECT_EQ(sum.fetched(), 4);
  EXPECT_EQ(dest_.store.entries.size(), 3u);
}

TEST_F(BatchWriterTest, TransientFailureRetriesTheWholeBatchOnce) {
  dest_.transient_commit_at = 1;
  auto r = writer_.Write(MakeBatch(50));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->attempts, 2);
  EXPECT_EQ(Sum(dest_.store.counters[1], &Counts::inserted), 50);  // counted once
  EXPECT_GE(dest_.connects, 2);                                    // reconnected
  EXPECT_GT(clock_.slept().count(), 0);                            // backed off
}

TEST_F(BatchWriterTest, CommitWhoseAnswerWasLostIsNotWrittenOrCountedTwice) {
  dest_.lost_commit_ack_at = 1;  // the COMMIT went through, the client never heard
  auto r = writer_.Write(MakeBatch(50));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->attempts, 2);
  EXPECT_EQ(dest_.commits, 1);  // the retry was rolled back, not committed again
  EXPECT_EQ(dest_.store.entries.size(), 50u);
  EXPECT_EQ(Sum(dest_.store.counters[1], &Counts::inserted), 50);
  EXPECT_EQ(Sum(dest_.store.counters[1], &Counts::unchanged), 0);
  EXPECT_EQ(dest_.store.units[0].state.fetched, 50);
  EXPECT_EQ(dest_.store.checkpoints.size(), 1u);
}

TEST_F(BatchWriterTest, PermanentFailureCommitsNothing) {
  dest_.permanent_write_at = 1;
  auto r = writer_.Write(MakeBatch(50));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kPermanent);
  EXPECT_TRUE(dest_.store.entries.empty());
  EXPECT_EQ(dest_.store.units[0].state.cursor, "");
}

}  // namespace
}  // namespace gb
