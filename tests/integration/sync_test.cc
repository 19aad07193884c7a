// `sync` (issue 14) against the simulator, into SQLite, PostgreSQL and
// PostgreSQL through pgbouncer: after a backfill of the whole account, one
// day of change (new entries, entries back-dated 60 days, edited comments,
// deleted entries, new and edited clients and pianos: POST /admin/changes)
// is brought to exact equality by one sync — verify clean, deleted rows
// marked, not removed — while the old daily job's fixed 7-day window leaves
// rows missing. A sync of an unchanged source writes nothing and makes a few
// dozen requests. A kill -9 during a sync, then the same command: equality,
// nothing counted twice. With the streams' whole sweep not due, the new
// clients and pianos are fetched by their creation date alone.
#include <httplib.h>
#include <sqlite3.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "core/exit_code.h"
#include "integration/loader_fixture.h"
#include "integration/loader_watch.h"

namespace gb::test {
namespace {

enum class SyncTarget { kSqlite, kPostgres, kBouncer };

// A day of the business's account changing, as the simulator applies it.
constexpr const char* kOneDay =
    R"({"new": 40, "backdated": 12, "backdated_days": 60, "edited": 6, "deleted": 9,
        "clients_new": 3, "clients_edited": 2, "pianos_new": 2, "pianos_edited": 2})";

class SyncTest : public LoaderTest, public ::testing::WithParamInterface<SyncTarget> {
 protected:
  std::string DbUrl(const std::string& name = "dest.db") const {
    switch (GetParam()) {
      case SyncTarget::kSqlite:
        return SqliteUrl(name);
      case SyncTarget::kPostgres:
        return url();
      case SyncTarget::kBouncer:
        return bouncer_url();
    }
    return {};
  }
  std::unique_ptr<SqlProbe> Probe(const std::string& name = "dest.db") const {
    if (GetParam() == SyncTarget::kSqlite) return std::make_unique<SqliteProbe>(dir_.File(name));
    return std::make_unique<PgProbe>(db());
  }

  std::vector<std::string> Endpoint(const std::string& db_url) const {
    return {"--api", sim_->url(), "--token-file", token_file_, "--db", db_url, "--progress", "log"};
  }
  ChildExit Backfill(const std::string& db_url) {
    std::vector<std::string> args = {"run", "--years", "2016-2026", "--batch-size", "300"};
    for (const std::string& a : Endpoint(db_url)) args.push_back(a);
    return Run(args);
  }
  std::vector<std::string> SyncArgs(const std::string& db_url,
                                    std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"sync"};
    for (const std::string& a : Endpoint(db_url)) args.push_back(a);
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  ChildExit Verify(const std::string& db_url) {
    return Run({"verify", "--api", sim_->url(), "--token-file", token_file_, "--db", db_url,
                "--years", "2016-2026"});
  }

  // POST /admin/changes: what the simulator applied, with the ids it touched.
  nlohmann::json Change(const std::string& body) {
    httplib::Client client(sim_->url());
    auto res = client.Post("/admin/changes", body, "application/json");
    if (!res || res->status != 200) {
      ADD_FAILURE() << "POST /admin/changes: " << (res ? res->body : "no answer");
      return nlohmann::json::object();
    }
    return nlohmann::json::parse(res->body, nullptr, false);
  }

  static std::string IdList(const nlohmann::json& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "'" : ", '") + id.get<std::string>() + "'";
    return out.empty() ? "''" : out;
  }

  // "1,234 API requests." in the sync's output.
  static int64_t Requests(const std::string& output) {
    std::smatch m;
    static const std::regex line(R"(([0-9,]+) API requests\.)");
    if (!std::regex_search(output, m, line)) return -1;
    std::string digits = m[1];
    std::erase(digits, ',');
    return std::stoll(digits);
  }

  // `stream` was fetched by its creation date, not swept whole: the sync's
  // line says "clients (N created since <date>)", its run has the unit
  // "clients:new" (done, N fetched, a small part of the table) and no unit
  // of the whole connection.
  void ExpectFetchedNewSince(SqlProbe& db, const std::string& output, const std::string& stream,
                             const std::string& table) {
    std::smatch m;
    const std::regex line("new since a date: [^\n]*" + stream +
                          R"( \(([0-9,]+) created since ([0-9]{4}-[0-9]{2}-[0-9]{2})\))");
    ASSERT_TRUE(std::regex_search(output, m, line)) << stream << " not fetched new since a date\n"
                                                    << output;
    std::string digits = m[1];
    std::erase(digits, ',');
    const std::string units =
        db.Table("gb_units") + " WHERE run_id = (SELECT max(id) FROM " + db.Table("gb_runs") + ")";
    EXPECT_EQ(db.Int("SELECT count(*) FROM " + units + " AND name = '" + stream + "'"), 0)
        << "not swept whole";
    EXPECT_EQ(db.Int("SELECT count(*) FROM " + units + " AND name LIKE 'recount:" + stream + ":%'"),
              0)
        << "the closing check compares the window with the API's count of it, not the total";
    EXPECT_EQ(db.Int("SELECT count(*) FROM " + units + " AND name = '" + stream +
                     ":new' AND state = 'done'"),
              1);
    const int64_t fetched = db.Int("SELECT coalesce(sum(fetched), 0) FROM " + units +
                                   " AND name LIKE '%" + stream + "%'");
    EXPECT_EQ(fetched, std::stoll(digits)) << "the objects created since " << m[2];
    EXPECT_LT(fetched * 4, db.Int("SELECT count(*) FROM " + table)) << "a small part of the table";
    std::cout << "[ sync ] " << stream << ": " << fetched << " created since " << m[2]
              << " fetched, of " << db.Int("SELECT count(*) FROM " + table) << "\n";
  }

  int64_t Newest(SqlProbe& db, const char* column) {
    return db.Int(std::string("SELECT coalesce(sum(") + column + "), 0) FROM " +
                  db.Table("gb_counters") + " WHERE run_id = (SELECT max(id) FROM " +
                  db.Table("gb_runs") + ")");
  }
};

TEST_P(SyncTest, OneSyncBringsADayOfChangeToEqualityWhereTheOldWindowLeavesRowsMissing) {
  StartSim();
  ASSERT_EQ(Backfill(DbUrl()).exit_code, ToInt(ExitCode::kOk));
  const nlohmann::json changed = Change(kOneDay);
  ASSERT_EQ(changed["backdated"].size(), 12u) << changed.dump();
  ASSERT_EQ(changed["deleted"].size(), 9u) << changed.dump();

  // The streams' whole sweep is not due (the backfill swept them just now):
  // the new clients and pianos are fetched by their creation date.
  ChildExit sync = Run(SyncArgs(DbUrl(), {"--sweep-every", "7d"}));
  ASSERT_EQ(sync.exit_code, ToInt(ExitCode::kOk)) << sync.output;
  const int64_t requests = Requests(sync.output);
  EXPECT_GT(requests, 0) << sync.output;
  std::cout << "[ sync ] a day of change: " << requests << " API requests\n";

  ChildExit verify = Verify(DbUrl());
  EXPECT_EQ(verify.exit_code, 0) << sync.output << verify.output;
  auto db = Probe();
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_timeline_entries WHERE external_id IN (" +
                    IdList(changed["backdated"]) + ")"),
            12)
      << "every back-dated entry loaded";
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_timeline_entries WHERE external_id IN (" +
                    IdList(changed["deleted"]) + ")"),
            9)
      << "every deleted entry kept";
  EXPECT_EQ(db->Int("SELECT count(*) FROM " + db->Table("gb_missing") +
                    " WHERE tbl = 'gazelle_timeline_entries' AND external_id IN (" +
                    IdList(changed["deleted"]) + ")"),
            9)
      << "every deleted entry marked";
  EXPECT_EQ(db->Int("SELECT count(*) FROM " + db->Table("gb_missing")), 9) << "nothing else marked";
  EXPECT_NE(sync.output.find("9 marked missing"), std::string::npos) << sync.output;
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_clients WHERE external_id IN (" +
                    IdList(changed["clients_new"]) + ")"),
            3);
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_pianos WHERE external_id IN (" +
                    IdList(changed["pianos_new"]) + ")"),
            2);
  EXPECT_EQ(Duplicates(*db), 0);
  ExpectFetchedNewSince(*db, sync.output, "clients", "gazelle_clients");
  ExpectFetchedNewSince(*db, sync.output, "pianos", "gazelle_pianos");

  // The same change, the old way: a fixed 7-day window on a second copy.
  if (GetParam() != SyncTarget::kSqlite) return;  // one database of its own per test
  StartSim();
  ASSERT_EQ(Backfill(DbUrl("old.db")).exit_code, ToInt(ExitCode::kOk));
  const nlohmann::json again = Change(kOneDay);
  ChildExit window = Run(SyncArgs(DbUrl("old.db"), {"--window-only", "--overlap", "7d"}));
  ASSERT_EQ(window.exit_code, ToInt(ExitCode::kOk)) << window.output;
  ChildExit old_verify = Verify(DbUrl("old.db"));
  EXPECT_NE(old_verify.exit_code, 0) << "the 7-day window leaves rows missing\n"
                                     << old_verify.output;
  auto old = Probe("old.db");
  EXPECT_EQ(old->Int("SELECT count(*) FROM gazelle_timeline_entries WHERE external_id IN (" +
                     IdList(again["backdated"]) + ")"),
            0)
      << "entries back-dated 60 days are below the window";
  std::cout << "[ sync ] the old 7-day window: verify exit " << old_verify.exit_code << "\n"
            << old_verify.output << "\n";
}

TEST_P(SyncTest, AnUnchangedSourceWritesNothingInAFewDozenRequests) {
  StartSim();
  ASSERT_EQ(Backfill(DbUrl()).exit_code, ToInt(ExitCode::kOk));
  ChildExit sync = Run(SyncArgs(DbUrl()));
  ASSERT_EQ(sync.exit_code, ToInt(ExitCode::kOk)) << sync.output;
  auto db = Probe();
  EXPECT_EQ(Newest(*db, "inserted"), 0) << sync.output;
  EXPECT_EQ(Newest(*db, "updated"), 0) << sync.output;
  const int64_t requests = Requests(sync.output);
  EXPECT_GT(requests, 0) << sync.output;
  EXPECT_LE(requests, 36) << sync.output;
  std::cout << "[ sync ] an unchanged source: " << requests << " API requests\n";
  EXPECT_EQ(Verify(DbUrl()).exit_code, 0);
}

TEST_P(SyncTest, WithoutABackfillSyncSaysWhatToRunFirst) {
  StartSim();
  ChildExit sync = Run(SyncArgs(DbUrl(), {"--streams", "timeline"}));
  EXPECT_NE(sync.exit_code, ToInt(ExitCode::kOk)) << sync.output;
  EXPECT_NE(sync.output.find("gazelle-backfill run"), std::string::npos) << sync.output;
}

// kill -9 twice while a sync sweeps a busy day, then the same command (on
// SQLite and PostgreSQL directly).
class SyncKillTest : public SyncTest {
 protected:
  // Starts `args` twice, each time killed (-9) once `fetched()` grew by 150;
  // how many were killed before they finished.
  int KillTwice(const std::vector<std::string>& args, const std::function<int64_t()>& fetched) {
    int kills = 0;
    for (int attempt = 0; attempt < 2; ++attempt) {
      const int64_t before = fetched();
      LoaderProcess child(args, Env(), dir_.path());
      while (child.Running() && fetched() < before + 150) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      if (child.Running()) {
        child.Kill9();
        ++kills;
      }
    }
    return kills;
  }
};

TEST_P(SyncKillTest, AKillDuringASyncThenTheSameCommandReachesEqualityCountingNothingTwice) {
  StartSim({"--latency-ms", "40"});
  ASSERT_EQ(Backfill(DbUrl()).exit_code, ToInt(ExitCode::kOk));
  Change(R"({"new": 1500, "backdated": 300, "backdated_days": 45, "deleted": 20})");
  const auto args = SyncArgs(DbUrl(), {"--batch-size", "50", "--page-size", "100"});
  auto db = Probe();
  const int64_t runs_before = LatestRunId(*db);
  auto fetched = [&] {
    return db->Int("SELECT coalesce(sum(fetched), 0) FROM " + db->Table("gb_units") +
                   " WHERE run_id > " + std::to_string(runs_before));
  };
  EXPECT_GE(KillTwice(args, fetched), 1) << "the sync finished before it could be killed";
  ChildExit last = Run(args);
  ASSERT_EQ(last.exit_code, ToInt(ExitCode::kOk)) << last.output;
  EXPECT_EQ(LatestRunId(*db), runs_before + 1) << "the killed sync was resumed, not restarted";
  EXPECT_EQ(Verify(DbUrl()).exit_code, 0) << last.output;
  EXPECT_EQ(Duplicates(*db), 0);
  const int64_t run = LatestRunId(*db);
  const YearCounters c = CountersOf(*db, run, std::nullopt);
  EXPECT_EQ(c.sum(), db->Int("SELECT sum(fetched) FROM " + db->Table("gb_units") +
                             " WHERE run_id = " + std::to_string(run) + " AND name LIKE 'sync:%'"))
      << "each fetched row counted once across the kills";
  EXPECT_EQ(db->Int("SELECT count(*) FROM " + db->Table("gb_missing")), 20);
}

// kill -9 while a sync fetches the clients created since its floor (many new
// ones), then the same command: the unit resumes from its checkpoint under
// the same filter, every new client is stored once, counted once.
TEST_P(SyncKillTest, AKillDuringTheNewClientsThenTheSameCommandResumesTheirUnit) {
  StartSim({"--latency-ms", "40"});
  ASSERT_EQ(Backfill(DbUrl()).exit_code, ToInt(ExitCode::kOk));
  const nlohmann::json changed = Change(R"({"clients_new": 900})");
  ASSERT_EQ(changed["clients_new"].size(), 900u);
  const auto args = SyncArgs(DbUrl(), {"--streams", "clients", "--sweep-every", "7d",
                                       "--batch-size", "50", "--page-size", "100"});
  auto db = Probe();
  const int64_t runs_before = LatestRunId(*db);
  const std::string unit = db->Table("gb_units") + " WHERE run_id > " +
                           std::to_string(runs_before) + " AND name = 'clients:new'";
  auto unit_fetched = [&] { return db->Int("SELECT coalesce(sum(fetched), 0) FROM " + unit); };
  EXPECT_GE(KillTwice(args, unit_fetched), 1) << "the sync finished before it could be killed";
  ChildExit last = Run(args);
  ASSERT_EQ(last.exit_code, ToInt(ExitCode::kOk)) << last.output;
  const int64_t run = LatestRunId(*db);
  EXPECT_EQ(run, runs_before + 1) << "the killed sync was resumed, not restarted";
  EXPECT_EQ(db->Int("SELECT count(*) FROM " + unit + " AND state = 'done'"), 1) << last.output;
  EXPECT_EQ(db->Int("SELECT count(*) FROM " + db->Table("gb_units") +
                    " WHERE run_id = " + std::to_string(run) + " AND name <> 'clients:new'"),
            0)
      << "no whole sweep";
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_clients WHERE external_id IN (" +
                    IdList(changed["clients_new"]) + ")"),
            900);
  EXPECT_EQ(Verify(DbUrl()).exit_code, 0) << last.output;
  const int64_t fetched = db->Int("SELECT fetched FROM " + unit);
  EXPECT_GE(fetched, 900);
  EXPECT_LT(fetched, db->Int("SELECT count(*) FROM gazelle_clients")) << "the window alone";
  EXPECT_EQ(db->Int("SELECT coalesce(sum(inserted + updated + unchanged + repaired + rejected + "
                    "skipped), 0) FROM " +
                    db->Table("gb_counters") + " WHERE run_id = " + std::to_string(run) +
                    " AND year = 0"),
            fetched)
      << "each fetched client counted once across the kills";
}

// sync --every: repeats, tells watch its schedule (last sync, next sync, the
// lag), stops on SIGTERM with exit 0 and takes its schedule away; a schedule
// late by its interval makes watch --check answer stale (16).
TEST_P(SyncKillTest, SyncEveryRepeatsShowsItsScheduleAndStopsCleanlyOnSigterm) {
  StartSim();
  ASSERT_EQ(Backfill(DbUrl()).exit_code, ToInt(ExitCode::kOk));
  auto db = Probe();
  const int64_t before = LatestRunId(*db);
  LoaderProcess every(SyncArgs(DbUrl(), {"--every", "2s"}), Env(), dir_.path());
  ASSERT_TRUE(WaitUntil(std::chrono::seconds(60), [&] { return LatestRunId(*db) >= before + 2; }))
      << "two syncs";
  const auto doc = nlohmann::json::parse(WatchJson(DbUrl(), dir_.path()), nullptr, false);
  ASSERT_TRUE(doc.is_object());
  const auto& fresh = doc["freshness"];
  EXPECT_TRUE(fresh["schedule"].is_object()) << fresh.dump();
  EXPECT_EQ(fresh["schedule"]["every_s"], 2) << fresh.dump();
  EXPECT_TRUE(fresh["last_sync_at"].is_string()) << fresh.dump();
  EXPECT_TRUE(fresh["lag_s"].is_number()) << fresh.dump();
  EXPECT_TRUE(fresh["stream_lag_s"]["clients"].is_number()) << fresh.dump();
  EXPECT_EQ(fresh["stale"], false) << fresh.dump();
  every.Signal(SIGTERM);
  ChildExit stopped = every.Wait(std::chrono::seconds(60));
  EXPECT_EQ(stopped.exit_code, ToInt(ExitCode::kOk)) << stopped.output;
  EXPECT_NE(stopped.output.find("Next sync at"), std::string::npos) << stopped.output;
  EXPECT_EQ(db->Int("SELECT count(*) FROM " + db->Table("gb_schedule")), 0) << "unscheduled";

  // A schedule whose sync is overdue (a loop that died without a word).
  const std::string late = "INSERT INTO " + db->Table("gb_schedule") +
                           " (worker_id, every_s, next_at) VALUES ('gone:1:x', 60, " +
                           (GetParam() == SyncTarget::kSqlite
                                ? std::string("CAST(strftime('%s', 'now') AS INTEGER) - 3600")
                                : std::string("now() - interval '1 hour'")) +
                           ")";
  if (GetParam() == SyncTarget::kSqlite) {
    sqlite3* file = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.File("dest.db").c_str(), &file), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(file, late.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(file);
  } else {
    db->Value(late);
  }
  ChildExit check = WatchCheck(DbUrl(), dir_.path());
  EXPECT_EQ(check.exit_code, ToInt(ExitCode::kCheckStale)) << check.output;
  EXPECT_NE(check.output.find("late"), std::string::npos) << check.output;
}

std::string TargetName(const ::testing::TestParamInfo<SyncTarget>& info) {
  switch (info.param) {
    case SyncTarget::kSqlite:
      return "Sqlite";
    case SyncTarget::kPostgres:
      return "Postgres";
    case SyncTarget::kBouncer:
      return "Bouncer";
  }
  return "";
}

INSTANTIATE_TEST_SUITE_P(Destinations, SyncTest,
                         ::testing::Values(SyncTarget::kSqlite, SyncTarget::kPostgres,
                                           SyncTarget::kBouncer),
                         TargetName);
INSTANTIATE_TEST_SUITE_P(Destinations, SyncKillTest,
                         ::testing::Values(SyncTarget::kSqlite, SyncTarget::kPostgres), TargetName);

}  // namespace
}  // namespace gb::test
