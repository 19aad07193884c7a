// RejectRetrier on fakes: raw nodes parsed and transformed again with the
// run's parameters, written by the engine's BatchWriter; what loads leaves
// the rejects table, what fails keeps its new reason (database or transform),
// and the counters move from rejected to loaded with nothing double counted.
#include "engine/reject_retrier.h"

#include <gtest/gtest.h>

#include "engine/fake_destination.h"

namespace gb::testing {
namespace {

// What the retrier asked the rejects table and counters to do.
struct Settled {
  std::vector<RejectUpdate> updates;
  std::vector<int64_t> removed;
  std::map<int64_t, CountTable> counters;
};

class FakeRejectsTransaction final : public RejectsTransaction {
 public:
  explicit FakeRejectsTransaction(Settled* settled) : settled_(settled) {}
  Status Update(std::span<const RejectUpdate> u) override {
    settled_->updates.insert(settled_->updates.end(), u.begin(), u.end());
    return {};
  }
  Status Remove(std::span<const int64_t> ids) override {
    settled_->removed.insert(settled_->removed.end(), ids.begin(), ids.end());
    return {};
  }
  Status AddCounters(int64_t run_id, const CountTable& deltas) override {
    for (const auto& [key, c] : deltas) settled_->counters[run_id][key] += c;
    return {};
  }

 private:
  Settled* settled_;
};

class FakeRejectsStore final : public RejectsStore {
 public:
  explicit FakeRejectsStore(FakeDestination& dest) : dest_(dest) {}
  Result<std::vector<gb::StoredReject>> List(std::optional<int64_t> run_id) override {
    std::vector<gb::StoredReject> out;
    for (const auto& r : rejects) {
      if (!run_id || r.run_id == *run_id) out.push_back(r);
    }
    return out;
  }
  Result<std::string> RunParams(int64_t) override {
    return std::string(R"({"years":[2024],"tz":"UTC","legacy_types":false,"truncate":null})");
  }
  Result<RetryConnection> ConnectForRetry() override {
    auto session = dest_.Connect();
    if (!session) return tl::unexpected(session.error());
    return RetryConnection{std::move(*session), std::make_unique<FakeRejectsTransaction>(&settled)};
  }
  std::string Describe() const override { return "fake"; }

  std::vector<gb::StoredReject> rejects;
  Settled settled;

 private:
  FakeDestination& dest_;
};

std::string RawNode(const std::string& id, const std::string& type) {
  return R"({"id":")" + id + R"(","occurredAt":"2024-05-01T10:00:00Z","type":")" + type +
         R"(","summary":"s","comment":null,"client":{"id":"cli_1"}})";
}

class RejectRetrierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dest_.reject_rule = [](const Row& row) -> std::optional<Error> {
      if (row.entry_type != "INVOICE_LOG") return std::nullopt;
      return Error{ErrorKind::kData, "violates check constraint \"legacy\"", "23514"};
    };
    auto add = [&](int64_t id, const std::string& ext, const std::string& type, std::string raw) {
      store_.rejects.push_back(
          {id, 1, "type:" + type, Reject{ext, 2024, type, "23514", "old reason", raw}, "t"});
    };
    add(11, "tme_a", "APPOINTMENT", RawNode("tme_a", "APPOINTMENT"));
    add(12, "tme_b", "INVOICE_LOG", RawNode("tme_b", "INVOICE_LOG"));
    add(13, "tme_c", "APPOINTMENT", "not json at all");
    add(14, "tme_d", "USER_COMMENT", RawNode("tme_d", "USER_COMMENT"));
  }

  FakeClock clock_;
  FakeDestination dest_{clock_};
  FakeRejectsStore store_{dest_};
  NullObserver observer_;
  std::atomic<bool> stop_{false};
};

TEST_F(RejectRetrierTest, LoadedLeaveFailedKeepTheirNewReasonCountersMove) {
  RejectRetrier retrier(store_, observer_, clock_, stop_);
  RetryOptions options;
  options.batch_size = 3;  // two batches
  auto report = retrier.Run(options);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->retried, 4);
  EXPECT_EQ(report->loaded, 2);
  EXPECT_EQ(report->still_rejected, 2);
  EXPECT_EQ(dest_.store.entries.count("tme_a"), 1u);
  EXPECT_EQ(dest_.store.entries.count("tme_d"), 1u);
  EXPECT_EQ(dest_.store.entries.count("tme_b"), 0u);
  const Settled& s = store_.settled;
  EXPECT_EQ(s.removed, (std::vector<int64_t>{11, 14}));
  ASSERT_EQ(s.updates.size(), 2u);
  std::map<int64_t, RejectUpdate> by_id;
  for (const auto& u : s.updates) by_id[u.id] = u;
  EXPECT_EQ(by_id[12].sqlstate, "23514");
  EXPECT_EQ(by_id[12].reason, "violates check constraint \"legacy\"");
  EXPECT_EQ(by_id[13].sqlstate, "");
  EXPECT_NE(by_id[13].reason.find("malformed node"), std::string::npos) << by_id[13].reason;
  const CountTable& c = s.counters.at(1);
  EXPECT_EQ(c.at({2024, "APPOINTMENT"}).inserted, 1);
  EXPECT_EQ(c.at({2024, "APPOINTMENT"}).rejected, -1);  // tme_a moved; tme_c stays rejected
  EXPECT_EQ(c.at({2024, "USER_COMMENT"}).inserted, 1);
  EXPECT_EQ(c.at({2024, "USER_COMMENT"}).rejected, -1);
  EXPECT_EQ(c.at({2024, "INVOICE_LOG"}).rejected, 0);  // still rejected: no move
}

TEST_F(RejectRetrierTest, OnlyTheAskedRun) {
  store_.rejects[3].run_id = 2;
  RejectRetrier retrier(store_, observer_, clock_, stop_);
  RetryOptions options;
  options.run_id = 2;
  auto report = retrier.Run(options);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->retried, 1);
  EXPECT_EQ(store_.settled.removed, std::vector<int64_t>{14});
  EXPECT_EQ(store_.settled.counters.count(1), 0u);
}

TEST_F(RejectRetrierTest, TransientFailureRetriesTheBatchWithoutDoubleSettling) {
  dest_.transient_commit_at = 1;
  RejectRetrier retrier(store_, observer_, clock_, stop_);
  auto report = retrier.Run({});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->loaded, 2);
  // The fake applies settlements at once, so the failed attempt shows too:
  // what matters is that the committed attempt settled every reject once.
  EXPECT_EQ(dest_.store.entries.size(), 2u);
}

TEST(TransformOptionsOfRun, ReadsTheStoredParameters) {
  auto o = TransformOptionsOfRun(
      R"({"years":[2016,2017],"tz":"America/Toronto","legacy_types":true,"truncate":[500,2000]})");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->years, (std::set<int>{2016, 2017}));
  EXPECT_EQ(o->zone.name(), "America/Toronto");
  EXPECT_TRUE(o->legacy_types);
  EXPECT_EQ(o->truncate, std::make_pair(500, 2000));
  EXPECT_FALSE(TransformOptionsOfRun("{}"));
}

}  // namespace
}  // namespace gb::testing
