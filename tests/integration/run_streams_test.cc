// The whole account (issue 13): `run --streams all` against the simulator
// loads the timeline and every other stream into SQLite, PostgreSQL and
// PostgreSQL through pgbouncer: each table holds exactly the API's totalCount
// of distinct objects, the counters account for each once, every reference
// that points nowhere is a row counted as repaired, and the timeline is what
// it is without the other streams. A kill -9 in the middle of a stream other
// than the timeline, then the same command: nothing lost, nothing twice.
#include <thread>

#include "core/exit_code.h"
#include "integration/loader_fixture.h"
#include "integration/loader_watch.h"
#include "streams/registry.h"

namespace gb::test {
namespace {

enum class StreamsTarget { kSqlite, kPostgres, kBouncer };

// Each stream's connection and its references: column -> (table, key, node path).
struct Reference {
  const char* column;
  const char* table;
  const char* key;
  const char* sqlite_path;    // json path in the node
  const char* postgres_path;  // the same as a jsonb expression
};

std::vector<Reference> ReferencesOf(std::string_view stream) {
  const Reference client{"client_id", "gazelle_clients", "external_id", "$.client.id",
                         "node->'client'->>'id'"};
  const Reference piano{"piano_id", "gazelle_pianos", "external_id", "$.piano.id",
                        "node->'piano'->>'id'"};
  const Reference user{"user_id", "users", "id", "$.user.id", "node->'user'->>'id'"};
  const Reference created_by{"created_by_id", "users", "id", "$.createdBy.id",
                             "node->'createdBy'->>'id'"};
  if (stream == "clients") {
    return {{"preferred_technician_id", "users", "id", "$.preferredTechnician.id",
             "node->'preferredTechnician'->>'id'"}};
  }
  if (stream == "pianos") return {client};
  if (stream == "events") return {client, user, created_by};
  if (stream == "invoices") return {client, created_by};
  return {client, piano, created_by};
}

class RunStreamsTest : public LoaderTest, public ::testing::WithParamInterface<StreamsTarget> {
 protected:
  std::string DbUrl() const {
    switch (GetParam()) {
      case StreamsTarget::kSqlite:
        return SqliteUrl();
      case StreamsTarget::kPostgres:
        return url();
      case StreamsTarget::kBouncer:
        return bouncer_url();
    }
    return {};
  }
  std::unique_ptr<SqlProbe> Probe() const {
    if (GetParam() == StreamsTarget::kSqlite) {
      return std::make_unique<SqliteProbe>(dir_.File("dest.db"));
    }
    return std::make_unique<PgProbe>(db());
  }
  bool sqlite() const { return GetParam() == StreamsTarget::kSqlite; }

  // The stream's counter of the newest run, as the loader committed it.
  int64_t Counter(SqlProbe& db, std::string_view stream, const char* column) {
    return db.Int("SELECT coalesce(sum(" + std::string(column) + "), 0) FROM " +
                  db.Table("gb_counters") + " WHERE year = 0 AND type = '" + std::string(stream) +
                  "' AND run_id = (SELECT max(id) FROM " + db.Table("gb_runs") + ")");
  }

  // Rows of `stream` whose node names a row the link column does not point at.
  int64_t Dangling(SqlProbe& db, const StreamModule& stream) {
    int64_t n = 0;
    for (const Reference& r : ReferencesOf(stream.name)) {
      const std::string path =
          sqlite() ? "node ->> '" + std::string(r.sqlite_path) + "'" : std::string(r.postgres_path);
      n += db.Int("SELECT count(*) FROM " + std::string(stream.table) + " t WHERE " + path +
                  " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + r.table + " x WHERE x." + r.key +
                  " = t." + r.column + ")");
    }
    return n;
  }

  void ExpectWatchShowsEveryStreamDone();

  // The timeline's links declared as foreign keys.
  int64_t DeclaredEntryLinks(SqlProbe& db) {
    return sqlite() ? db.Int(
                          "SELECT count(*) FROM pragma_foreign_key_list("
                          "'gazelle_timeline_entries')")
                    : db.Int(
                          "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND "
                          "conrelid = 'gazelle_timeline_entries'::regclass");
  }

  // The entry's link `link` as the API gave it: its column, or the original
  // kept in metadata when it was nulled.
  std::string OriginalLink(std::string_view link) {
    const std::string key = "unresolved_" + std::string(link) + "_id";
    return "coalesce(e." + std::string(link) + "_id, " +
           (sqlite() ? "e.metadata ->> '$." + key + "'" : "e.metadata->>'" + key + "'") + ")";
  }

  // The business's query: entries with a reference (as the API gave it) that
  // points at no row of the destination.
  int64_t EntriesPointingNowhere(SqlProbe& db) {
    const std::pair<const char*, const char*> links[] = {
        {"user", "users x WHERE x.id"},
        {"client", "gazelle_clients x WHERE x.external_id"},
        {"piano", "gazelle_pianos x WHERE x.external_id"},
        {"invoice", "gazelle_invoices x WHERE x.external_id"},
        {"estimate", "gazelle_estimates x WHERE x.external_id"}};
    std::string where;
    for (const auto& [link, target] : links) {
      if (!where.empty()) where += " OR ";
      where += "(" + OriginalLink(link) + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + target +
               " = " + OriginalLink(link) + "))";
    }
    return db.Int("SELECT count(*) FROM gazelle_timeline_entries e WHERE " + where);
  }

  // The (event, piano) pairs the events' nodes list (allEventPianos).
  std::string EventPianoPairs() {
    return sqlite() ? "SELECT DISTINCT t.external_id AS ev, p.value ->> '$.piano.id' AS pn "
                      "FROM gazelle_events t, json_each(t.node, '$.allEventPianos.nodes') p "
                      "WHERE p.value ->> '$.piano.id' IS NOT NULL"
                    : "SELECT DISTINCT t.external_id AS ev, p->'piano'->>'id' AS pn "
                      "FROM gazelle_events t, "
                      "jsonb_path_query(t.node, 'lax $.allEventPianos.nodes[*]') p "
                      "WHERE p->'piano'->>'id' IS NOT NULL";
  }

  // The events' pianos as rows of gazelle_event_pianos: every pair whose
  // piano is loaded, nothing else; the rest counted unlinked. How many pairs
  // wait for their piano.
  int64_t ExpectEventPianos(SqlProbe& db) {
    const std::string pairs = "(" + EventPianoPairs() + ") x";
    const int64_t listed = db.Int("SELECT count(*) FROM " + pairs);
    const int64_t there =
        db.Int("SELECT count(*) FROM " + pairs +
               " WHERE EXISTS (SELECT 1 FROM gazelle_pianos r WHERE r.external_id = x.pn)");
    EXPECT_GT(listed, 0);
    EXPECT_EQ(db.Int("SELECT count(*) FROM gazelle_event_pianos"), there);
    EXPECT_EQ(db.Int("SELECT count(*) FROM gazelle_event_pianos ep WHERE NOT EXISTS (SELECT 1 "
                     "FROM " +
                     pairs + " WHERE x.ev = ep.event_id AND x.pn = ep.piano_id)"),
              0);
    return listed - there;
  }

  // Entries whose link `link` is nulled, the original kept in metadata.
  int64_t Unresolved(SqlProbe& db, std::string_view link) {
    const std::string key = "unresolved_" + std::string(link) + "_id";
    return db.Int(
        "SELECT count(*) FROM gazelle_timeline_entries e WHERE " +
        (sqlite() ? "e.metadata ->> '$." + key + "' IS NOT NULL" : "e.metadata ? '" + key + "'"));
  }

  // Entries with a link `link`, as the API gave it.
  int64_t Linked(SqlProbe& db, std::string_view link) {
    return db.Int("SELECT count(*) FROM gazelle_timeline_entries e WHERE " + OriginalLink(link) +
                  " IS NOT NULL");
  }

  // The simulator's totalCount of `stream`, within `since`..`until` when the
  // stream is bounded by --years.
  static int64_t TotalWithin(SimAsker& asker, const StreamModule& stream, const std::string& since,
                             const std::string& until) {
    if (!stream.bounded()) return asker.TotalOf(std::string(stream.root));
    return asker.TotalOf(std::string(stream.root),
                         "first: 1, filters: {" + std::string(stream.since_filter) + ": \"" +
                             since + "\", " + std::string(stream.until_filter) + ": \"" + until +
                             "\"}");
  }

  // Every stream's table against the simulator's totalCount, and its counters.
  void ExpectEveryStreamExact(SqlProbe& db) {
    SimAsker asker(sim_->url(), token_file_, sim_->client_id(), sim_->client_secret());
    for (const StreamModule* stream : AllStreams()) {
      SCOPED_TRACE(std::string(stream->name));
      const std::string table(stream->table);
      const int64_t truth = TotalWithin(asker, *stream, "2016-01-01", "2026-12-31");
      EXPECT_GT(truth, 0);
      EXPECT_EQ(db.Int("SELECT count(*) FROM " + table), truth);
      EXPECT_EQ(db.Int("SELECT count(DISTINCT external_id) FROM " + table), truth);
      const int64_t counted =
          Counter(db, stream->name, "inserted") + Counter(db, stream->name, "updated") +
          Counter(db, stream->name, "unchanged") + Counter(db, stream->name, "repaired");
      EXPECT_EQ(counted, truth) << "each object counted once";
      EXPECT_EQ(Counter(db, stream->name, "rejected"), 0);
      // A reference pointing nowhere is only ever a row counted as repaired.
      EXPECT_LE(Dangling(db, *stream), Counter(db, stream->name, "unlinked"));
    }
  }
};

// `watch` as a user runs it after the load: each stream listed with its
// count planned, done and status, in JSON and on the terminal; --check healthy.
void RunStreamsTest::ExpectWatchShowsEveryStreamDone() {
  SimAsker asker(sim_->url(), token_file_, sim_->client_id(), sim_->client_secret());
  const auto doc = nlohmann::json::parse(WatchJson(DbUrl(), dir_.path()), nullptr, false);
  ASSERT_TRUE(doc.is_object());
  ASSERT_EQ(doc["streams"].size(), AllStreams().size()) << doc.dump();
  int64_t streams_done = 0;
  for (const auto& s : doc["streams"]) {
    SCOPED_TRACE(s.dump());
    const StreamModule* stream = FindStream(s["stream"].get<std::string>());
    ASSERT_NE(stream, nullptr);
    const int64_t truth = TotalWithin(asker, *stream, "2016-01-01", "2026-12-31");
    EXPECT_EQ(s["expected"].get<int64_t>(), truth);
    EXPECT_EQ(s["done"].get<int64_t>(), truth);
    EXPECT_EQ(s["state"], "done");
    streams_done += truth;
  }
  int64_t years_done = 0;
  for (const auto& y : doc["years"]) years_done += y["done"].get<int64_t>();
  EXPECT_EQ(doc["total"]["done"].get<int64_t>(), years_done + streams_done);
  EXPECT_EQ(doc["total"]["done"], doc["total"]["expected"]);
  EXPECT_EQ(doc["status"]["state"], "done");

  ChildExit check = WatchCheck(DbUrl(), dir_.path());
  EXPECT_EQ(check.exit_code, 0) << check.output;
  ChildExit frame =
      RunLoader({"watch", "--once", "--db", DbUrl()}, {}, dir_.path(), std::chrono::seconds(60));
  for (const StreamModule* stream : AllStreams()) {
    EXPECT_NE(frame.output.find(std::string(stream->name)), std::string::npos) << frame.output;
  }
  EXPECT_NE(frame.output.find("timeline 2024"), std::string::npos) << frame.output;
}

TEST_P(RunStreamsTest, TheWholeAccountIsLoadedExactlyAndTheTimelineIsUnchanged) {
  StartSim();
  const std::vector<int> years = {2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026};
  const SimTruth truth = Truth(years);
  const auto args = RunArgs(DbUrl(), "2016-2026", {"--streams", "all", "--batch-size", "200"});
  ChildExit run = Run(args);
  ASSERT_EQ(run.exit_code, ToInt(ExitCode::kOk)) << run.output;
  EXPECT_NE(run.output.find("Stream"), std::string::npos) << run.output;
  auto db = Probe();
  ExpectExactLoad(*db, truth);
  ExpectEveryStreamExact(*db);
  // Loaded with the streams it points at, the timeline declares all its links,
  // and a reference pointing nowhere is only ever an entry counted unlinked.
  EXPECT_EQ(DeclaredEntryLinks(*db), 5);
  EXPECT_EQ(EntriesPointingNowhere(*db), CountersOf(*db, LatestRunId(*db), std::nullopt).unlinked);
  EXPECT_EQ(Unresolved(*db, "client") + Unresolved(*db, "piano"), 0);
  EXPECT_EQ(ExpectEventPianos(*db), 0) << "the pianos are loaded before the events";

  ExpectWatchShowsEveryStreamDone();

  ChildExit again = Run(args);
  EXPECT_EQ(again.exit_code, ToInt(ExitCode::kOk)) << again.output;
  EXPECT_NE(again.output.find("already complete"), std::string::npos) << again.output;
}

// The timeline loaded before the streams it points at: its table, made by a
// run of clients alone, declares every link; the pianos, invoices and
// estimates its entries name are not there yet, so those links are nulled and
// kept in metadata (repaired, counted), and the query of references pointing
// nowhere lists exactly the entries counted. Loading those streams gives
// every link back: nothing lost.
TEST_P(RunStreamsTest, ATimelineLoadedBeforeItsReferencesIsRepairedThenGivenBack) {
  StartSim();
  ChildExit clients = Run(RunArgs(DbUrl(), "2016-2026", {"--streams", "clients"}));
  ASSERT_EQ(clients.exit_code, ToInt(ExitCode::kOk)) << clients.output;
  auto db = Probe();
  EXPECT_EQ(DeclaredEntryLinks(*db), 5);

  ChildExit timeline = Run(RunArgs(DbUrl(), "2016-2026", {"--streams", "timeline"}));
  ASSERT_EQ(timeline.exit_code, ToInt(ExitCode::kOk)) << timeline.output;
  const YearCounters counted = CountersOf(*db, LatestRunId(*db), std::nullopt);
  EXPECT_GT(Unresolved(*db, "piano"), 0);
  EXPECT_GT(Unresolved(*db, "invoice"), 0);
  EXPECT_GT(Unresolved(*db, "estimate"), 0);
  EXPECT_EQ(Unresolved(*db, "client"), 0) << "the clients were loaded first";
  EXPECT_EQ(EntriesPointingNowhere(*db), counted.unlinked);
  EXPECT_LE(counted.unlinked, counted.repaired);
  EXPECT_NE(timeline.output.find(" links nulled ("), std::string::npos) << timeline.output;
  const int64_t pianos = Linked(*db, "piano"), invoices = Linked(*db, "invoice"),
                estimates = Linked(*db, "estimate"), users = Unresolved(*db, "user");

  ChildExit rest = Run(RunArgs(DbUrl(), "2016-2026", {"--streams", "pianos,invoices,estimates"}));
  ASSERT_EQ(rest.exit_code, ToInt(ExitCode::kOk)) << rest.output;
  EXPECT_NE(rest.output.find("Links given back: "), std::string::npos) << rest.output;
  EXPECT_EQ(Unresolved(*db, "piano") + Unresolved(*db, "invoice") + Unresolved(*db, "estimate"), 0);
  EXPECT_EQ(Unresolved(*db, "user"), users) << "users the account does not list stay nulled";
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_timeline_entries WHERE piano_id IS NOT NULL"),
            pianos);
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_timeline_entries WHERE invoice_id IS NOT NULL"),
            invoices);
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_timeline_entries WHERE estimate_id IS NOT NULL"),
            estimates);
  EXPECT_EQ(EntriesPointingNowhere(*db), users);
}

// An event's pianos are a list (allEventPianos): rows of
// gazelle_event_pianos, each piano declared. Events loaded before their
// pianos wait in their nodes, counted unlinked; loading the pianos adds them.
TEST_P(RunStreamsTest, TheEventsPianosLoadedLaterAreLinkedThen) {
  StartSim();
  ChildExit events = Run(RunArgs(DbUrl(), "2016-2026", {"--streams", "clients,events"}));
  ASSERT_EQ(events.exit_code, ToInt(ExitCode::kOk)) << events.output;
  auto db = Probe();
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_event_pianos"), 0);
  const int64_t waiting = ExpectEventPianos(*db);
  EXPECT_GT(waiting, 0);
  EXPECT_GE(Counter(*db, "events", "unlinked"), 1);

  ChildExit pianos = Run(RunArgs(DbUrl(), "2016-2026", {"--streams", "pianos"}));
  ASSERT_EQ(pianos.exit_code, ToInt(ExitCode::kOk)) << pianos.output;
  EXPECT_EQ(ExpectEventPianos(*db), 0);
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_event_pianos"), waiting);
}

// A finished run whose stream no longer matches the source (here: its
// counters one short, as when an object was created behind the sweep) is not
// "already complete": the same command sweeps that stream again and counts
// each object once; the next one is complete.
TEST_P(RunStreamsTest, AStreamThatDiffersFromTheSourceIsSweptAgainAndCountedOnce) {
  StartSim();
  const auto args = RunArgs(DbUrl(), "2024", {"--streams", "clients,pianos"});
  ASSERT_EQ(Run(args).exit_code, ToInt(ExitCode::kOk));
  auto db = Probe();
  const std::string newest_run =
      "run_id = (SELECT max(id) FROM " + db->Table("gb_runs") + ") AND year = 0";
  const std::string one_short = "UPDATE " + db->Table("gb_counters") +
                                " SET inserted = inserted - 1 WHERE " + newest_run +
                                " AND type = 'pianos' AND inserted > 0";
  if (sqlite()) {  // the probe reads only
    sqlite3* file = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.File("dest.db").c_str(), &file), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(file, one_short.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_changes(file), 1);
    sqlite3_close(file);
  } else {
    ASSERT_EQ(db->Int(one_short + " RETURNING 1"), 1);
  }
  const int64_t clients_before = Counter(*db, "clients", "inserted");

  ChildExit again = Run(args);
  ASSERT_EQ(again.exit_code, ToInt(ExitCode::kOk)) << again.output;
  EXPECT_NE(again.output.find("pianos (API"), std::string::npos) << again.output;
  SimAsker asker(sim_->url(), token_file_, sim_->client_id(), sim_->client_secret());
  const int64_t pianos = asker.TotalOf("allPianos");
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_pianos"), pianos);
  EXPECT_EQ(Counter(*db, "pianos", "inserted") + Counter(*db, "pianos", "unchanged") +
                Counter(*db, "pianos", "updated") + Counter(*db, "pianos", "repaired"),
            pianos)
      << "counted once again, not added to the old count";
  EXPECT_EQ(Counter(*db, "pianos", "inserted"), 0) << "every piano was already stored";
  EXPECT_EQ(Counter(*db, "clients", "inserted"), clients_before) << "clients matched: not swept";
  EXPECT_EQ(db->Int("SELECT count(*) FROM " + db->Table("gb_units") +
                    " WHERE name = 'recount:pianos:1' AND state = 'done'"),
            1);

  ChildExit third = Run(args);
  EXPECT_EQ(third.exit_code, ToInt(ExitCode::kOk)) << third.output;
  EXPECT_NE(third.output.find("already complete"), std::string::npos) << third.output;
}

// --years bounds the streams that have a date (events by their start,
// invoices by their date, estimates by their creation) and not the others
// (the timeline points at clients of any age); verify counts the same span.
TEST_P(RunStreamsTest, YearsBoundTheStreamsThatHaveADate) {
  StartSim();
  const auto args = RunArgs(DbUrl(), "2024", {"--streams", "clients,events,invoices,estimates"});
  ChildExit run = Run(args);
  ASSERT_EQ(run.exit_code, ToInt(ExitCode::kOk)) << run.output;
  SimAsker asker(sim_->url(), token_file_, sim_->client_id(), sim_->client_secret());
  auto db = Probe();
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_clients"), asker.TotalOf("allClients"));
  for (const char* name : {"events", "invoices", "estimates"}) {
    SCOPED_TRACE(name);
    const StreamModule& stream = *FindStream(name);
    const int64_t in_2024 = TotalWithin(asker, stream, "2024-01-01", "2024-12-31");
    EXPECT_GT(in_2024, 0);
    EXPECT_LT(in_2024, asker.TotalOf(std::string(stream.root)));
    EXPECT_EQ(db->Int("SELECT count(*) FROM " + std::string(stream.table)), in_2024);
  }
  ChildExit verify =
      Run({"verify", "--db", DbUrl(), "--api", sim_->url(), "--token-file", token_file_, "--years",
           "2024", "--streams", "clients,events,invoices,estimates"});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

// Without --streams a run loads the whole account; but an unfinished run
// that differs only in its streams (an earlier version's, of the timeline
// alone) is resumed with its own by the same command, not refused. Once it is
// finished, the command starts the whole account.
TEST_P(RunStreamsTest, WithoutStreamsAnUnfinishedTimelineRunIsResumedThenTheWholeAccountLoads) {
  StartSim({"--latency-ms", "40"});
  auto db = Probe();
  {
    LoaderProcess child(RunArgs(DbUrl(), "2016-2026", {"--streams", "timeline"}), Env(),
                        dir_.path());
    auto entries = [&] {
      const std::string exists = sqlite() ? "sqlite_master WHERE name = 'gb_units'"
                                          : "pg_tables WHERE tablename = 'gb_units'";
      if (db->Int("SELECT count(*) FROM " + exists) == 0) return int64_t{0};
      return db->Int("SELECT coalesce(sum(fetched), 0) FROM " + db->Table("gb_units"));
    };
    while (child.Running() && entries() < 200) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_TRUE(child.Running()) << "the timeline run ended before it could be killed";
    child.Kill9();
  }
  // The same command as an earlier version would have run it: no --streams.
  std::vector<std::string> args = {"run",       "--api",      sim_->url(), "--token-file",
                                   token_file_, "--db",       DbUrl(),     "--years",
                                   "2016-2026", "--progress", "log"};
  ChildExit resumed = Run(args);
  ASSERT_EQ(resumed.exit_code, ToInt(ExitCode::kOk)) << resumed.output;
  EXPECT_EQ(db->Int("SELECT count(*) FROM " + db->Table("gb_runs")), 1) << resumed.output;
  EXPECT_EQ(db->Int("SELECT count(*) FROM gazelle_clients"), 0) << "resumed as it was";

  ChildExit whole = Run(args);
  ASSERT_EQ(whole.exit_code, ToInt(ExitCode::kOk)) << whole.output;
  ExpectEveryStreamExact(*db);
}

// The kills, on SQLite and PostgreSQL directly.
class RunStreamsKillTest : public RunStreamsTest {};

TEST_P(RunStreamsKillTest, AKillInTheMiddleOfAnotherStreamThenTheSameCommandLosesNothing) {
  StartSim({"--latency-ms", "40"});
  const auto args =
      RunArgs(DbUrl(), "2016-2026",
              {"--streams", "clients,pianos,events", "--batch-size", "50", "--concurrency", "2"});
  auto db = Probe();
  auto events_fetched = [&] {
    const std::string exists = sqlite() ? "sqlite_master WHERE name = 'gb_units'"
                                        : "pg_tables WHERE tablename = 'gb_units'";
    if (db->Int("SELECT count(*) FROM " + exists) == 0) return int64_t{0};
    return db->Int("SELECT coalesce(max(fetched), 0) FROM " + db->Table("gb_units") +
                   " WHERE name = 'events'");
  };
  int kills = 0;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const int64_t before = events_fetched();
    LoaderProcess child(args, Env(), dir_.path());
    while (child.Running() && events_fetched() < before + 100) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (child.Running()) {
      child.Kill9();
      ++kills;
    }
  }
  EXPECT_GE(kills, 1) << "the loader finished before it could be killed in the events stream";
  ChildExit last = Run(args);
  ASSERT_EQ(last.exit_code, ToInt(ExitCode::kOk)) << last.output;
  SimAsker asker(sim_->url(), token_file_, sim_->client_id(), sim_->client_secret());
  for (const char* name : {"clients", "pianos", "events"}) {
    SCOPED_TRACE(name);
    const StreamModule& stream = *FindStream(name);
    const int64_t truth = TotalWithin(asker, stream, "2016-01-01", "2026-12-31");
    EXPECT_EQ(db->Int("SELECT count(*) FROM " + std::string(stream.table)), truth);
    const int64_t counted = Counter(*db, name, "inserted") + Counter(*db, name, "updated") +
                            Counter(*db, name, "unchanged") + Counter(*db, name, "repaired");
    EXPECT_EQ(counted, truth) << "no object counted twice after the kills";
  }
}

INSTANTIATE_TEST_SUITE_P(Destinations, RunStreamsTest,
                         ::testing::Values(StreamsTarget::kSqlite, StreamsTarget::kPostgres,
                                           StreamsTarget::kBouncer),
                         [](const auto& info) {
                           switch (info.param) {
                             case StreamsTarget::kSqlite:
                               return "Sqlite";
                             case StreamsTarget::kPostgres:
                               return "Postgres";
                             default:
                               return "PgBouncer";
                           }
                         });

INSTANTIATE_TEST_SUITE_P(Destinations, RunStreamsKillTest,
                         ::testing::Values(StreamsTarget::kSqlite, StreamsTarget::kPostgres),
                         [](const auto& info) {
                           return info.param == StreamsTarget::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace gb::test
