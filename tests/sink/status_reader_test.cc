// StatusReader on SQLite, PostgreSQL and PostgreSQL through pgbouncer: what
// the loader committed, read back cheaply, before and during a run.
#include "sink/status_reader.h"

#include <gtest/gtest.h>

#include <ctime>

#include "sink/destination_fixture.h"

namespace gb::test {
namespace {

const WorkerId kReaderWorker{"host", 42, "w1"};
const std::string kReaderW1 = FormatWorkerId(kReaderWorker);

// A 429 met on the third attempt, waiting until 14:02:31 UTC.
WaitReason ReaderRateLimited() {
  return RetryWait("api", 429, "429 Too Many Requests", 3,
                   std::chrono::system_clock::time_point(std::chrono::seconds(1732111351)));
}

class StatusReaderTest : public DestinationTest {
 protected:
  DbStatus Read() {
    if (!reader_) {
      auto r = OpenStatusReader(url_);
      EXPECT_TRUE(r) << r.error().message;
      if (!r) return {};
      reader_ = std::move(*r);
    }
    auto s = reader_->Read();
    EXPECT_TRUE(s) << s.error().message;
    return s ? *s : DbStatus{};
  }

  // A run of two units, one claimed by "w1" that committed 6 rows for 2024 and
  // one reject, with the worker waiting on a 429.
  int64_t StartRun(Session& s) {
    NewRun run;
    run.fingerprint = "fp";
    run.params_json = R"({"years":[2023,2024]})";
    run.expected = {{2023, 10}, {2024, 20}};
    run.units = {UnitSpec{.name = "type:A",
                          .types = {"APPOINTMENT"},
                          .client_id = std::nullopt,
                          .occurred_at_get = "2023-01-01T00:00:00Z",
                          .start_after = std::nullopt},
                 UnitSpec{.name = "type:B",
                          .types = {"INVOICE"},
                          .client_id = std::nullopt,
                          .occurred_at_get = "2023-01-01T00:00:00Z",
                          .start_after = std::nullopt}};
    auto created = s.CreateRun(run);
    EXPECT_TRUE(created) << created.error().message;
    auto unit = s.ClaimUnit(created->id, kReaderW1, std::chrono::seconds(60));
    EXPECT_TRUE(unit && *unit);
    std::vector<Row> rows;
    for (int i = 1; i <= 6; ++i)
      rows.push_back(MakeRow("tme_" + std::to_string(i), 2024, "APPOINTMENT"));
    EXPECT_TRUE(s.Begin());
    auto counts = s.WriteRows(rows);
    EXPECT_TRUE(counts);
    (*counts)[CountKey{2024, "APPOINTMENT"}].rejected += 1;
    std::vector<Reject> rejects = {Reject{"tme_r", 2024, "APPOINTMENT", "23514", "check", "{}"}};
    EXPECT_TRUE(s.RecordRejects(created->id, "type:A", rejects));
    EXPECT_TRUE(
        s.SaveProgress(Checkpoint{created->id, (*unit)->id, kReaderW1, "c6", 7, false}, *counts));
    EXPECT_TRUE(s.Commit());
    WorkerBeat beat{created->id, kReaderWorker, WorkerState::kWaiting, ReaderRateLimited()};
    EXPECT_TRUE(s.Heartbeat(beat));
    return created->id;
  }

  std::unique_ptr<StatusReader> reader_;
};

TEST_P(StatusReaderTest, BeforeAnyRunSaysSoWithoutError) {
  DbStatus before = Read();
  EXPECT_FALSE(before.tables_exist);
  EXPECT_TRUE(before.runs.empty());
  EXPECT_NEAR(static_cast<double>(before.now), static_cast<double>(std::time(nullptr)), 5);
  if (GetParam() == Backend::kSqlite) {
    EXPECT_FALSE(before.database_exists) << "watch must not create the file";
    EXPECT_EQ(Query("SELECT 1"), "1");  // (the fixture's own open creates it)
  }
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  DbStatus empty = Read();
  EXPECT_TRUE(empty.database_exists);
  EXPECT_TRUE(empty.tables_exist);
  EXPECT_TRUE(empty.runs.empty());
  EXPECT_TRUE(empty.latest.empty());
}

TEST_P(StatusReaderTest, ReadsRunPlanCountersUnitsWorkersRejectsAndLatest) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  int64_t run_id = StartRun(*s);
  DbStatus st = Read();
  ASSERT_EQ(st.runs.size(), 1u);
  EXPECT_EQ(st.runs[0].id, run_id);
  EXPECT_EQ(st.runs[0].state, RunState::kRunning);
  EXPECT_EQ(st.runs[0].params, R"({"years":[2023,2024]})");
  EXPECT_FALSE(st.runs[0].finished_at.has_value());
  EXPECT_NEAR(static_cast<double>(st.runs[0].heartbeat_at), static_cast<double>(st.now), 5);
  EXPECT_EQ(st.plan, (std::map<int, int64_t>{{2023, 10}, {2024, 20}}));
  ASSERT_EQ(st.counters.count(2024), 1u);
  EXPECT_EQ(st.counters[2024].inserted, 6);
  EXPECT_EQ(st.counters[2024].rejected, 1);
  ASSERT_TRUE(st.last_counter_update.has_value());
  ASSERT_EQ(st.units.size(), 2u);
  EXPECT_EQ(st.units[0].name, "type:A");
  EXPECT_EQ(st.units[0].state, "running");
  EXPECT_EQ(st.units[0].lease_owner, kReaderW1);
  EXPECT_EQ(st.units[0].cursor, "c6");
  EXPECT_EQ(st.units[0].fetched, 7);
  ASSERT_TRUE(st.units[0].lease_expires_at.has_value());
  EXPECT_GT(*st.units[0].lease_expires_at, st.now + 30);
  EXPECT_EQ(st.units[1].state, "pending");
  ASSERT_EQ(st.workers.size(), 1u);
  EXPECT_EQ(st.workers[0].worker_id, "host:42:w1");
  EXPECT_EQ(st.workers[0].host, "host");
  EXPECT_EQ(st.workers[0].state, WorkerState::kWaiting);
  EXPECT_EQ(st.workers[0].reason, ReaderRateLimited()) << "a code and its fields, read back";
  EXPECT_EQ(st.workers[0].pid, 42);
  EXPECT_EQ(st.rejects_by_reason, (std::map<std::string, int64_t>{{"check", 1}}));
  ASSERT_EQ(st.latest.size(), 5u);
  EXPECT_EQ(st.latest[0].external_id, "tme_6") << "newest first";
  EXPECT_EQ(st.latest[0].type, "APPOINTMENT");
  EXPECT_EQ(st.latest[0].occurred_at, "2023-11-14T22:13:20Z");
  if (GetParam() == Backend::kSqlite) {
    EXPECT_EQ(st.rows_estimate, 6);
  } else {
    Exec("ANALYZE gazelle_timeline_entries");
    EXPECT_EQ(Read().rows_estimate, 6);
  }
}

// watch is read-only: on a database the loader of an earlier version wrote
// (gb_counters without `unlinked`, added by the next run) it still reads.
TEST_P(StatusReaderTest, CountersOfAnEarlierVersionWithoutUnlinked) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  StartRun(*s);
  Exec(GetParam() == Backend::kSqlite
           ? "ALTER TABLE gb_counters DROP COLUMN unlinked"
           : "ALTER TABLE gazelle_backfill.gb_counters DROP COLUMN unlinked");
  DbStatus st = Read();
  ASSERT_EQ(st.counters.count(2024), 1u);
  EXPECT_EQ(st.counters[2024].inserted, 6);
  EXPECT_EQ(st.counters[2024].unlinked, 0);
}

TEST_P(StatusReaderTest, ASlowReasonKeepsItsRateAndPace) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  int64_t run_id = StartRun(*s);
  ASSERT_TRUE(
      s->Heartbeat(WorkerBeat{run_id, kReaderWorker, WorkerState::kSlow, SlowPace(312, 1450)}));
  DbStatus st = Read();
  ASSERT_EQ(st.workers.size(), 1u);
  EXPECT_EQ(st.workers[0].state, WorkerState::kSlow);
  EXPECT_EQ(st.workers[0].reason, SlowPace(312, 1450));
}

// A database an earlier version wrote: its workers' reasons are English
// sentences in `reason`, without the code columns. watch (read-only) shows
// them as they are; the next run adds the columns and the old rows still read.
TEST_P(StatusReaderTest, AnEarlierVersionsSentenceIsReadAsItIs) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  StartRun(*s);
  const std::string table =
      GetParam() == Backend::kSqlite ? "gb_workers" : "gazelle_backfill.gb_workers";
  for (const char* column : {"reason_code", "reason_until", "reason_attempt", "reason_http_status",
                             "reason_detail", "reason_rate", "reason_pace"}) {
    Exec("ALTER TABLE " + table + " DROP COLUMN " + column);
  }
  const std::string old = "waiting on the API (429 Too Many Requests) until 14:02:31 UTC";
  Exec("UPDATE " + table + " SET reason = '" + old + "'");
  DbStatus st = Read();
  ASSERT_EQ(st.workers.size(), 1u);
  EXPECT_EQ(st.workers[0].reason.kind, WaitKind::kText);
  EXPECT_EQ(st.workers[0].reason.detail, old);
  EXPECT_EQ(st.workers[0].state, WorkerState::kWaiting);
  ASSERT_TRUE(s->EnsureSchema({})) << "the upgrade adds the columns back";
  reader_.reset();  // a reader of the new layout
  st = Read();
  ASSERT_EQ(st.workers.size(), 1u);
  EXPECT_EQ(st.workers[0].reason.kind, WaitKind::kText);
  EXPECT_EQ(st.workers[0].reason.detail, old);
}

TEST_P(StatusReaderTest, FinishedRunHasItsStateReasonAndEnd) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  int64_t run_id = StartRun(*s);
  ASSERT_TRUE(s->FinishRun(run_id, RunState::kFailed, "permission denied"));
  DbStatus st = Read();
  ASSERT_EQ(st.runs.size(), 1u);
  EXPECT_EQ(st.runs[0].state, RunState::kFailed);
  EXPECT_EQ(st.runs[0].reason, "permission denied");
  EXPECT_TRUE(st.runs[0].finished_at.has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, StatusReaderTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres, Backend::kBouncer),
                         BackendName);

}  // namespace
}  // namespace gb::test
