#include <gtest/gtest.h>

#include <thread>

#include "sink/destination_fixture.h"

namespace gb::test {
namespace {

Counts Cell(const CountTable& t, int year, const std::string& type) {
  auto it = t.find(CountKey{year, type});
  return it == t.end() ? Counts{} : it->second;
}

Result<CountTable> WriteBatch(Session& s, const std::vector<Row>& rows) {
  if (auto b = s.Begin(); !b) return tl::unexpected(b.error());
  auto counts = s.WriteRows(rows);
  if (!counts) {
    s.Rollback();
    return counts;
  }
  if (auto c = s.Commit(); !c) return tl::unexpected(c.error());
  return counts;
}

NewRun TwoUnitRun(const std::string& fingerprint = "fp1") {
  NewRun run;
  run.fingerprint = fingerprint;
  run.params_json = "{\"years\":[2024]}";
  run.expected = {{2023, 10}, {2024, 20}};
  run.units.resize(2);
  run.units[0].name = "type:A";
  run.units[0].types = {"APPOINTMENT"};
  run.units[1].name = "type:B";
  run.units[1].types = {"INVOICE"};
  run.units[1].client_id = "cli_7";
  for (UnitSpec& unit : run.units) unit.occurred_at_get = "2023-01-01T00:00:00Z";
  return run;
}

TEST_P(DestinationTest, CreatesSchemaOnceThenReusesIt) {
  auto s = Connect();
  ASSERT_TRUE(s);
  auto first = s->EnsureSchema({});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->entries_created);
  EXPECT_TRUE(first->users_created);
  auto second = s->EnsureSchema({});
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_FALSE(second->entries_created);
  EXPECT_FALSE(second->users_created);
  EXPECT_EQ(Query("SELECT count(*) FROM " + Bk("gb_units")), "0");
}

TEST_P(DestinationTest, CountsInsertedUpdatedUnchanged) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  std::vector<Row> rows = {MakeRow("tme_1", 2024, "APPOINTMENT"),
                           MakeRow("tme_2", 2024, "APPOINTMENT"),
                           MakeRow("tme_3", 2023, "INVOICE")};
  auto first = WriteBatch(*s, rows);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(Cell(*first, 2024, "APPOINTMENT").inserted, 2);
  EXPECT_EQ(Cell(*first, 2023, "INVOICE").inserted, 1);
  auto again = WriteBatch(*s, rows);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(Cell(*again, 2024, "APPOINTMENT").unchanged, 2);
  EXPECT_EQ(Cell(*again, 2024, "APPOINTMENT").inserted, 0);
  rows[1].title = "changed";
  auto changed = WriteBatch(*s, rows);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(Cell(*changed, 2024, "APPOINTMENT").updated, 1);
  EXPECT_EQ(Cell(*changed, 2024, "APPOINTMENT").unchanged, 1);
  EXPECT_EQ(Cell(*changed, 2023, "INVOICE").unchanged, 1);
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries"), "3");
  EXPECT_EQ(Query("SELECT title FROM gazelle_timeline_entries WHERE external_id = 'tme_2'"),
            "changed");
}

TEST_P(DestinationTest, SameIdTwiceInOneBatchKeepsTheLast) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  auto counts = WriteBatch(*s, {MakeRow("tme_1", 2024, "APPOINTMENT", {}, "old"),
                                MakeRow("tme_1", 2024, "APPOINTMENT", {}, "new")});
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_EQ(Cell(*counts, 2024, "APPOINTMENT").inserted, 1);
  EXPECT_EQ(Cell(*counts, 2024, "APPOINTMENT").unchanged, 1);
  EXPECT_EQ(Query("SELECT title FROM gazelle_timeline_entries"), "new");
}

TEST_P(DestinationTest, RepairsUnknownUsersKeepingTheOriginal) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  std::vector<ApiUser> users = {ApiUser{"usr_known", "Ann", "Lee", "a@x", "TECH"}};
  ASSERT_TRUE(s->UpsertUsers(users));
  auto counts = WriteBatch(*s, {MakeRow("tme_1", 2024, "APPOINTMENT", "usr_known"),
                                MakeRow("tme_2", 2024, "APPOINTMENT", "usr_gone"),
                                MakeRow("tme_3", 2024, "APPOINTMENT")});
  ASSERT_TRUE(counts) << counts.error().message;
  Counts c = Cell(*counts, 2024, "APPOINTMENT");
  EXPECT_EQ(c.inserted, 2);
  EXPECT_EQ(c.repaired, 1);
  EXPECT_EQ(Query("SELECT user_id FROM gazelle_timeline_entries WHERE external_id = 'tme_1'"),
            "usr_known");
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries WHERE external_id = 'tme_2' "
                  "AND user_id IS NULL"),
            "1");
  std::string meta =
      Query("SELECT metadata FROM gazelle_timeline_entries WHERE external_id = 'tme_2'");
  EXPECT_NE(meta.find("\"unresolved_user_id\""), std::string::npos) << meta;
  EXPECT_NE(meta.find("usr_gone"), std::string::npos) << meta;
  // Idempotent: the repaired row is repaired again, not counted twice as loaded.
  auto again = WriteBatch(*s, {MakeRow("tme_2", 2024, "APPOINTMENT", "usr_gone")});
  ASSERT_TRUE(again);
  EXPECT_EQ(Cell(*again, 2024, "APPOINTMENT").repaired, 1);
  EXPECT_EQ(Cell(*again, 2024, "APPOINTMENT").loaded(), 0);
}

// After batches of only new rows, PostgreSQL writes the next batch without
// probing first: a row that exists or a user that does not must still be
// found (the COPY fails, the batch is rolled back and probed).
TEST_P(DestinationTest, AfterFreshBatchesExistingRowsAndUnknownUsersAreStillFound) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  ASSERT_TRUE(s->UpsertUsers(std::vector<ApiUser>{{"usr_known", "Ann", "Lee", "a@x", "TECH"}}));
  for (const char* id : {"tme_1", "tme_2"}) {
    auto fresh = WriteBatch(*s, {MakeRow(id, 2024, "APPOINTMENT", "usr_known")});
    ASSERT_TRUE(fresh) << fresh.error().message;
    EXPECT_EQ(Cell(*fresh, 2024, "APPOINTMENT").inserted, 1);
  }
  auto unknown = WriteBatch(*s, {MakeRow("tme_3", 2024, "APPOINTMENT", "usr_gone"),
                                 MakeRow("tme_4", 2024, "APPOINTMENT", "usr_known")});
  ASSERT_TRUE(unknown) << unknown.error().message;
  EXPECT_EQ(Cell(*unknown, 2024, "APPOINTMENT").inserted, 1);
  EXPECT_EQ(Cell(*unknown, 2024, "APPOINTMENT").repaired, 1);
  ASSERT_TRUE(WriteBatch(*s, {MakeRow("tme_5", 2024, "APPOINTMENT")}));
  auto mixed = WriteBatch(*s, {MakeRow("tme_6", 2024, "APPOINTMENT"),
                               MakeRow("tme_1", 2024, "APPOINTMENT", "usr_known", "changed")});
  ASSERT_TRUE(mixed) << mixed.error().message;
  EXPECT_EQ(Cell(*mixed, 2024, "APPOINTMENT").inserted, 1);
  EXPECT_EQ(Cell(*mixed, 2024, "APPOINTMENT").updated, 1);
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries"), "6");
  EXPECT_EQ(Query("SELECT title FROM gazelle_timeline_entries WHERE external_id = 'tme_1'"),
            "changed");
}

TEST_P(DestinationTest, DataErrorRollsBackOnlyThatAttempt) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  ASSERT_TRUE(s->Begin());
  auto ok1 = s->WriteRows(std::vector<Row>{MakeRow("tme_ok1", 2024, "APPOINTMENT")});
  ASSERT_TRUE(ok1) << ok1.error().message;
  auto bad = s->WriteRows(std::vector<Row>{MakeRow("tme_x", 2024, "APPOINTMENT"),
                                           MakeRow("tme_bad", 2024, "NOT_A_TYPE")});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::kData) << bad.error().message;
  auto ok2 = s->WriteRows(std::vector<Row>{MakeRow("tme_x", 2024, "APPOINTMENT")});
  ASSERT_TRUE(ok2) << ok2.error().message;
  EXPECT_EQ(Cell(*ok2, 2024, "APPOINTMENT").inserted, 1);
  ASSERT_TRUE(s->Commit());
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries"), "2");
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries WHERE external_id = 'tme_bad'"),
            "0");
}

TEST_P(DestinationTest, RowsCheckpointAndCountersCommitTogether) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  auto run = s->CreateRun(TwoUnitRun());
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->expected.at(2024), 20);
  auto unit = s->ClaimUnit(run->id, "w1", std::chrono::seconds(60));
  ASSERT_TRUE(unit && *unit) << (unit ? "none" : unit.error().message);
  EXPECT_EQ((*unit)->spec.types, std::vector<std::string>{"APPOINTMENT"});
  Checkpoint cp{run->id, (*unit)->id, "w1", "cursor-1", 2, false};

  ASSERT_TRUE(s->Begin());
  auto counts = s->WriteRows(std::vector<Row>{MakeRow("tme_1", 2024, "APPOINTMENT"),
                                              MakeRow("tme_2", 2024, "APPOINTMENT")});
  ASSERT_TRUE(counts);
  std::vector<Reject> rejects = {Reject{"tme_r", 2024, "APPOINTMENT", "23514", "check", "{}"}};
  ASSERT_TRUE(s->RecordRejects(run->id, "type:A", rejects));
  ASSERT_TRUE(s->SaveProgress(cp, *counts));
  s->Rollback();  // nothing of the batch may remain
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries"), "0");
  EXPECT_EQ(Query("SELECT count(*) FROM " + Bk("gb_rejects")), "0");
  EXPECT_EQ(Query("SELECT cursor FROM " + Bk("gb_units") + " WHERE name = 'type:A'"), "");
  auto none = s->RunCounts(run->id);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());

  ASSERT_TRUE(s->Begin());
  counts = s->WriteRows(std::vector<Row>{MakeRow("tme_1", 2024, "APPOINTMENT"),
                                         MakeRow("tme_2", 2024, "APPOINTMENT")});
  ASSERT_TRUE(counts);
  (*counts)[CountKey{2024, "APPOINTMENT"}].rejected += 1;
  ASSERT_TRUE(s->RecordRejects(run->id, "type:A", rejects));
  ASSERT_TRUE(s->SaveProgress(cp, *counts));
  ASSERT_TRUE(s->Commit());
  // The same batch again (its COMMIT went through but the answer was lost): it
  // is recognised, not counted twice.
  ASSERT_TRUE(s->Begin());
  auto again = s->SaveProgress(cp, *counts);
  s->Rollback();
  ASSERT_FALSE(again);
  EXPECT_TRUE(IsAlreadySaved(again.error())) << again.error().message;
  ASSERT_TRUE(s->Begin());  // a second batch adds to the counters
  Checkpoint next{run->id, (*unit)->id, "w1", "cursor-2", 4, false, 2};
  ASSERT_TRUE(s->SaveProgress(next, *counts));
  ASSERT_TRUE(s->Commit());
  auto total = s->RunCounts(run->id);
  ASSERT_TRUE(total);
  EXPECT_EQ(Cell(*total, 2024, "APPOINTMENT").inserted, 4);
  EXPECT_EQ(Cell(*total, 2024, "APPOINTMENT").rejected, 2);
  EXPECT_EQ(Query("SELECT cursor FROM " + Bk("gb_units") + " WHERE name = 'type:A'"), "cursor-2");
  EXPECT_EQ(Query("SELECT fetched FROM " + Bk("gb_units") + " WHERE name = 'type:A'"), "4");
  EXPECT_EQ(Query("SELECT reason FROM " + Bk("gb_rejects")), "check");
}

TEST_P(DestinationTest, LeasesShareUnitsAndExpiredOnesAreTakenOver) {
  auto a = Connect();
  auto b = Connect();
  ASSERT_TRUE(a->EnsureSchema({}));
  auto run = a->CreateRun(TwoUnitRun());
  ASSERT_TRUE(run);
  auto joined = b->CreateRun(TwoUnitRun());  // a second worker joins the same run
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->id, run->id);
  auto ua = a->ClaimUnit(run->id, "wa", std::chrono::seconds(60));
  auto ub = b->ClaimUnit(run->id, "wb", std::chrono::seconds(60));
  ASSERT_TRUE(ua && *ua && ub && *ub);
  EXPECT_NE((*ua)->id, (*ub)->id);
  auto none = b->ClaimUnit(run->id, "wb", std::chrono::seconds(60));
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
  // wa commits a checkpoint, then dies: its lease runs out.
  Checkpoint cp{run->id, (*ua)->id, "wa", "c-7", 7, false};
  ASSERT_TRUE(a->Begin());
  ASSERT_TRUE(a->SaveProgress(cp, {}));
  ASSERT_TRUE(a->Commit());
  Exec("UPDATE " + Bk("gb_units") +
       " SET lease_expires_at = '2000-01-01T00:00:00Z' WHERE lease_owner = 'wa'");
  auto taken = b->ClaimUnit(run->id, "wb", std::chrono::seconds(60));
  ASSERT_TRUE(taken && *taken);
  EXPECT_EQ((*taken)->id, (*ua)->id);
  EXPECT_EQ((*taken)->cursor, "c-7");
  EXPECT_EQ((*taken)->fetched, 7);
  // The old owner can no longer move the checkpoint.
  ASSERT_TRUE(a->Begin());
  auto lost = a->SaveProgress(cp, {});
  a->Rollback();
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().code, "lease");
  // Finishing both units finishes the run's work.
  for (auto* unit : {&*taken, &*ub}) {
    Checkpoint done{run->id, (**unit).id, "wb", "", 9, true, (**unit).fetched};
    ASSERT_TRUE(b->Begin());
    ASSERT_TRUE(b->SaveProgress(done, {}));
    ASSERT_TRUE(b->Commit());
  }
  auto all = b->AllUnitsDone(run->id);
  ASSERT_TRUE(all);
  EXPECT_TRUE(*all);
}

TEST_P(DestinationTest, HeartbeatReleaseResetAndFinish) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  auto run = s->CreateRun(TwoUnitRun());
  ASSERT_TRUE(run);
  const WorkerId w1{"host", 42, "w1"};
  auto unit = s->ClaimUnit(run->id, FormatWorkerId(w1), std::chrono::seconds(1));
  ASSERT_TRUE(unit && *unit);
  const auto until = std::chrono::system_clock::time_point(std::chrono::seconds(1732111351));
  WorkerBeat beat{run->id, w1, WorkerState::kWaiting,
                  RetryWait("api", 429, "429 Too Many Requests", 2, until),
                  std::chrono::seconds(3600)};
  ASSERT_TRUE(s->Heartbeat(beat));
  ASSERT_TRUE(s->Heartbeat(beat));
  // The reason is stored as a code and its fields, never as a sentence; the
  // state as the same word as ever.
  EXPECT_EQ(Query("SELECT state || ' ' || reason_code || ' ' || reason_attempt || ' ' || "
                  "reason_http_status || ' [' || reason || ']' FROM " +
                  Bk("gb_workers") + " WHERE worker_id = 'host:42:w1'"),
            "waiting api_rate_limited 2 429 []");
  std::string later = GetParam() == Backend::kSqlite
                          ? "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+1000 seconds')"
                          : "now() + interval '1000 seconds'";
  // The 1 s lease of the claim was renewed to the beat's hour.
  EXPECT_EQ(Query("SELECT count(*) FROM " + Bk("gb_units") +
                  " WHERE lease_owner = 'host:42:w1' AND "
                  "lease_expires_at > " +
                  later),
            "1");
  ASSERT_TRUE(s->ReleaseUnit((*unit)->id, FormatWorkerId(w1)));
  EXPECT_EQ(Query("SELECT count(*) FROM " + Bk("gb_units") + " WHERE state = 'pending'"), "2");
  ASSERT_TRUE(s->ResetRun(run->id));
  ASSERT_TRUE(s->FinishRun(run->id, RunState::kDone, ""));
  EXPECT_EQ(Query("SELECT state FROM " + Bk("gb_runs")), "done");
  auto latest = s->LatestRun();
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->state, RunState::kDone);
  EXPECT_EQ((*latest)->fingerprint, "fp1");
  auto fresh = s->CreateRun(TwoUnitRun());  // the finished run is not reused
  ASSERT_TRUE(fresh);
  EXPECT_NE(fresh->id, run->id);
}

TEST_P(DestinationTest, HostileTextRoundTripsExactly) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  std::string hostile =
      "l'été \"quoted\" back\\slash \\N \\. tab\tnew\nline\rcr 🎹 "
      "'); DROP TABLE users; -- \x01\x7f é";
  Row r = MakeRow("tme_h", 2024, "USER_COMMENT", {}, hostile);
  r.description = std::string(100000, 'x') + "\\";
  r.metadata = R"({"note":"a\\b \"q\" \n","humidity":45.5})";
  auto counts = WriteBatch(*s, {r});
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_EQ(Query("SELECT title FROM gazelle_timeline_entries"), hostile);
  EXPECT_EQ(Query("SELECT description FROM gazelle_timeline_entries"), *r.description);
  auto again = WriteBatch(*s, {r});
  ASSERT_TRUE(again);
  EXPECT_EQ(Cell(*again, 2024, "USER_COMMENT").unchanged, 1);
}

TEST_P(DestinationTest, NulByteNeverCrashesOrCorrupts) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  Row r = MakeRow("tme_nul", 2024, "USER_COMMENT", {}, std::string("a\0b", 3));
  ASSERT_TRUE(s->Begin());
  auto written = s->WriteRows(std::vector<Row>{r});
  if (GetParam() == Backend::kSqlite) {
    ASSERT_TRUE(written);  // SQLite text can hold it
  } else {
    ASSERT_FALSE(written);  // PostgreSQL text cannot: a row-level data error
    EXPECT_EQ(written.error().kind, ErrorKind::kData);
  }
  auto ok = s->WriteRows(std::vector<Row>{MakeRow("tme_fine", 2024, "USER_COMMENT")});
  ASSERT_TRUE(ok) << ok.error().message;
  ASSERT_TRUE(s->Commit());
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries WHERE external_id = 'tme_fine'"),
            "1");
}

TEST_P(DestinationTest, LargeBatchCountsEveryRow) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  std::vector<Row> rows;
  for (int i = 0; i < 20000; ++i) {
    rows.push_back(MakeRow("tme_" + std::to_string(i), 2016 + i % 10, "SERVICE_ENTRY_MANUAL", {},
                           "note " + std::to_string(i) + " 45 % 440.5 Hz"));
  }
  auto counts = WriteBatch(*s, rows);
  ASSERT_TRUE(counts) << counts.error().message;
  int64_t inserted = 0;
  for (const auto& [key, c] : *counts) inserted += c.inserted;
  EXPECT_EQ(inserted, 20000);
  EXPECT_EQ(Cell(*counts, 2016, "SERVICE_ENTRY_MANUAL").inserted, 2000);
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries"), "20000");
}

TEST_P(DestinationTest, RejectsKeepHostileRawAndResetClearsTheRun) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  auto run = s->CreateRun(TwoUnitRun());
  ASSERT_TRUE(run);
  auto unit = s->ClaimUnit(run->id, "w1", std::chrono::seconds(60));
  ASSERT_TRUE(unit && *unit);
  std::vector<Reject> rejects = {
      Reject{"tme_r1", 2024, "APPOINTMENT", "22021", "invalid byte", std::string("a\0\xff\xfe", 4)},
      Reject{"", 0, "", "", "node without id", "{\"comment\":\"l'été\"}"}};
  CountTable deltas;
  deltas[CountKey{2024, "APPOINTMENT"}].rejected = 1;
  ASSERT_TRUE(s->Begin());
  auto recorded = s->RecordRejects(run->id, "type:A", rejects);
  ASSERT_TRUE(recorded) << recorded.error().message;
  ASSERT_TRUE(s->SaveProgress(Checkpoint{run->id, (*unit)->id, "w1", "c1", 3, false}, deltas));
  ASSERT_TRUE(s->Commit());
  EXPECT_EQ(Query("SELECT count(*) FROM " + Bk("gb_rejects")), "2");
  EXPECT_EQ(Query("SELECT raw FROM " + Bk("gb_rejects") + " WHERE reason = 'node without id'"),
            rejects[1].raw);
  ASSERT_TRUE(s->ResetRun(run->id));
  EXPECT_EQ(Query("SELECT count(*) FROM " + Bk("gb_rejects")), "0");
  EXPECT_EQ(Query("SELECT count(*) FROM " + Bk("gb_counters")), "0");
  EXPECT_EQ(Query("SELECT count(*) FROM " + Bk("gb_units") +
                  " WHERE state = 'pending' AND cursor = '' AND "
                  "fetched = 0 AND lease_owner IS NULL"),
            "2");
}

INSTANTIATE_TEST_SUITE_P(AllBackends, DestinationTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres, Backend::kBouncer),
                         BackendName);

}  // namespace
}  // namespace gb::test
