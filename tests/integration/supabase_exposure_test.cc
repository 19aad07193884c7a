// Safe on Supabase by default, end to end, on a cluster set up as Supabase
// sets up a project (supabase_fixture.h): the loader (postgres, through
// pgbouncer in transaction mode) creates tables that anon and authenticated
// can neither read nor change, while the loader still resumes, verifies and
// watches and service_role still reads the data; a table the business had
// already, open to the API, is reported (log, watch, doctor) and left as it
// was, until doctor --fix or run --close-exposed-tables closes it.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "core/exit_code.h"
#include "integration/loader_watch.h"
#include "integration/supabase_fixture.h"

namespace gb::test {
namespace {

using nlohmann::json;

constexpr const char* kBusinessUsers =
    "CREATE TABLE users (id text PRIMARY KEY, first_name text, last_name text, email text, "
    "role text, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL "
    "DEFAULT now());"
    "INSERT INTO users (id, email) VALUES ('usr_business', 'owner@example.com')";

int64_t Committed(SqlProbe& db) {
  if (!PgTableExists(db, "gb_units")) return 0;
  return db.Int("SELECT coalesce(sum(fetched), 0) FROM gazelle_backfill.gb_units");
}

json Document(const std::string& output) {
  json doc = json::parse(output, nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << output;
  return doc;
}

TEST_F(SupabaseTest, WhatTheToolCreatesIsClosedToTheApiRolesAndTheLoaderStillWorks) {
  // Beyond Supabase's defaults (public only): a project that also granted the
  // API roles every new schema and table anywhere (one line in its SQL editor)
  // — the tool's own schema and tables must come out closed all the same.
  ASSERT_TRUE(server().Exec(
      "ALTER DEFAULT PRIVILEGES FOR ROLE postgres GRANT USAGE ON SCHEMAS TO anon, authenticated;"
      "ALTER DEFAULT PRIVILEGES FOR ROLE postgres GRANT ALL ON TABLES TO anon, authenticated;"
      "ALTER DEFAULT PRIVILEGES FOR ROLE postgres GRANT ALL ON SEQUENCES TO anon, authenticated",
      db()));
  StartSim({"--latency-ms", "40"});
  const std::vector<int> years = {2023, 2024};
  const SimTruth truth = Truth(years);
  PgProbe db(this->db());
  // Through the transaction pooler, stopped half way (Ctrl+C), then resumed.
  const auto args =
      RunArgs(bouncer_url(), "2023-2024", {"--batch-size", "100", "--concurrency", "2"});
  {
    LoaderProcess first(args, Env(), dir_.path());
    ASSERT_TRUE(WaitUntil(std::chrono::seconds(60), [&] { return Committed(db) > 0; }));
    first.Signal(SIGINT);
    ChildExit stopped = first.Wait();
    ASSERT_EQ(stopped.exit_code, ToInt(ExitCode::kStopped)) << stopped.output;
  }
  ASSERT_LT(Committed(db), truth.fetched) << "stopped too late to test a resume";
  ChildExit resumed = Run(args);
  ASSERT_EQ(resumed.exit_code, ToInt(ExitCode::kOk)) << resumed.output;
  EXPECT_NE(resumed.output.find("resumed"), std::string::npos) << resumed.output;
  EXPECT_EQ(resumed.output.find("open to the API"), std::string::npos) << resumed.output;
  ExpectExactLoad(db, truth);

  // Every table the tool created: no row for the API roles, no write.
  const std::vector<std::string> tables = ToolCreatedTables(this->db());
  ASSERT_EQ(tables.size(), 10u)
      << "the eight bookkeeping tables (sync's gb_missing and gb_schedule among them) and the "
         "two data tables";
  for (const auto& table : tables)
    EXPECT_EQ(AccessOf(this->db(), table).substr(0, 2), "t ") << table;
  for (std::string role : {"anon", "authenticated"}) {
    for (const auto& table : tables) ExpectClosedTo(url(), this->db(), role, table);
    Attempt counter = AsRole(url(), role, "SELECT nextval('gazelle_backfill.gb_runs_id_seq')");
    EXPECT_EQ(counter.sqlstate, "42501") << counter.error;
    Attempt serial =
        AsRole(url(), role, "SELECT nextval('public.gazelle_timeline_entries_id_seq')");
    EXPECT_EQ(serial.sqlstate, "42501") << serial.error;
  }
  // service_role (BYPASSRLS, granted by the default privileges) still reads the data.
  Attempt service = AsRole(url(), "service_role", "SELECT id FROM gazelle_timeline_entries");
  ASSERT_TRUE(service.ok) << service.error;
  EXPECT_EQ(service.rows, TotalRows(db));
  EXPECT_TRUE(AsRole(url(), "service_role", "SELECT id FROM users").ok);
  EXPECT_FALSE(AsRole(url(), "service_role", "SELECT id FROM gazelle_backfill.gb_runs").ok)
      << "the bookkeeping's schema is granted to no API role";

  // The loader's role still verifies and watches; doctor finds nothing to fix.
  ChildExit verify = RunLoader({"verify", "--api", sim_->url(), "--token-file", token_file_, "--db",
                                bouncer_url(), "--years", "2023-2024"},
                               Env(), dir_.path());
  EXPECT_EQ(verify.exit_code, ToInt(ExitCode::kOk)) << verify.output;
  json watch = Document(WatchJson(bouncer_url(), dir_.path()));
  EXPECT_EQ(watch["run"]["state"], "done");
  EXPECT_EQ(watch["total"]["done"], watch["total"]["expected"]);
  EXPECT_TRUE(watch["exposed_tables"].empty()) << watch.dump();
  ChildExit doctor = Doctor(bouncer_url(), {"--json"});
  EXPECT_EQ(doctor.exit_code, ToInt(ExitCode::kOk)) << doctor.output;
  json report = Document(doctor.output);
  std::set<std::string> ids;
  for (const auto& f : report["findings"]) ids.insert(f["id"].get<std::string>());
  EXPECT_TRUE(ids.count("nothing_exposed")) << doctor.output;
  EXPECT_TRUE(ids.count("transaction_pooler")) << doctor.output;
  EXPECT_TRUE(ids.count("default_privileges")) << doctor.output;
}

TEST_F(SupabaseTest, AnExistingExposedTableIsReportedUnchangedThenClosedByDoctorFix) {
  StartSim();
  ASSERT_TRUE(server().Exec(kBusinessUsers, db()));
  const std::string before = AccessOf(db(), "public.users");
  ASSERT_EQ(before.substr(0, 2), "f ") << before;
  ASSERT_NE(before.find("anon="), std::string::npos) << before;

  ChildExit run = Run(RunArgs(url(), "2024"));
  ASSERT_EQ(run.exit_code, ToInt(ExitCode::kOk)) << run.output;
  // Reported once, with the statements that close it...
  const std::string exposed = "public.users is open to the API: row level security is off";
  ASSERT_NE(run.output.find(exposed), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find(exposed), run.output.rfind(exposed)) << "reported once";
  EXPECT_NE(run.output.find("ALTER TABLE \"public\".\"users\" ENABLE ROW LEVEL SECURITY;"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("REVOKE ALL ON TABLE \"public\".\"users\" FROM \"anon\";"),
            std::string::npos);
  // ...and left as it was: the business's row is still served to anon.
  EXPECT_EQ(AccessOf(db(), "public.users"), before);
  Attempt leak = AsRole(url(), "anon", "SELECT email FROM users WHERE id = 'usr_business'");
  EXPECT_TRUE(leak.ok && leak.rows == 1) << leak.error;
  // The table the tool created is closed all the same.
  ExpectClosedTo(url(), db(), "anon", "public.gazelle_timeline_entries");

  // watch: terminal (English, French), JSON, and the page's document.
  ChildExit frame = RunLoader({"watch", "--once", "--db", url()}, {}, dir_.path());
  EXPECT_NE(frame.output.find(exposed), std::string::npos) << frame.output;
  ChildExit french =
      RunLoader({"watch", "--once", "--db", url()}, {{"LANG", "fr_CA.UTF-8"}}, dir_.path());
  EXPECT_NE(french.output.find("public.users est ouverte à l'API"), std::string::npos)
      << french.output;
  json doc = Document(WatchJson(url(), dir_.path()));
  ASSERT_EQ(doc["exposed_tables"].size(), 1u) << doc.dump();
  EXPECT_EQ(doc["exposed_tables"][0]["table"], "public.users");
  EXPECT_EQ(doc["exposed_tables"][0]["roles"], json({"anon", "authenticated"}));
  EXPECT_EQ(doc["exposed_tables"][0]["fix"][0],
            "ALTER TABLE \"public\".\"users\" ENABLE ROW LEVEL SECURITY");
  LoaderProcess page({"watch", "--db", url(), "--http", "127.0.0.1:0", "--json"}, {}, dir_.path());
  std::smatch m;
  std::string output;
  ASSERT_TRUE(WaitUntil(std::chrono::seconds(30), [&] {
    output = page.Output();
    return std::regex_search(output, m, std::regex(R"(http://127\.0\.0\.1:([0-9]+)/)"));
  })) << output;
  httplib::Client client("127.0.0.1", std::stoi(m[1]));
  json page_doc;  // once watch has read its first sample
  ASSERT_TRUE(WaitUntil(std::chrono::seconds(30), [&] {
    auto fr = client.Get("/status.json?lang=fr");
    page_doc = fr && fr->status == 200 ? json::parse(fr->body, nullptr, false) : json();
    return page_doc.is_object() && page_doc["exposed_tables"].size() == 1;
  })) << page_doc.dump();
  EXPECT_NE(page_doc["exposed_tables"][0]["text"].get<std::string>().find("est ouverte à l'API"),
            std::string::npos)
      << page_doc.dump();
  auto html = client.Get("/?lang=fr");
  ASSERT_TRUE(html && html->status == 200);
  EXPECT_NE(html->body.find("id=\"exposed\""), std::string::npos);
  page.Kill9();

  // doctor: the problem and its fix (exit 15), then --fix closes it.
  ChildExit audit = Doctor(url());
  EXPECT_EQ(audit.exit_code, ToInt(ExitCode::kDoctorProblems)) << audit.output;
  EXPECT_NE(audit.output.find("PROBLEM  " + exposed), std::string::npos) << audit.output;
  EXPECT_EQ(AccessOf(db(), "public.users"), before) << "doctor without --fix changes nothing";
  ChildExit fixed = Doctor(url(), {"--fix"});
  EXPECT_EQ(fixed.exit_code, ToInt(ExitCode::kOk)) << fixed.output;
  EXPECT_NE(fixed.output.find("public.users was open to the API"), std::string::npos)
      << fixed.output;
  EXPECT_EQ(AccessOf(db(), "public.users").substr(0, 2), "t ");
  for (std::string role : {"anon", "authenticated"}) {
    ExpectClosedTo(url(), db(), role, "public.users");
  }
  Attempt service = AsRole(url(), "service_role", "SELECT email FROM users");
  EXPECT_TRUE(service.ok && service.rows > 0) << service.error;
  EXPECT_TRUE(Document(WatchJson(url(), dir_.path()))["exposed_tables"].empty());
  EXPECT_EQ(Doctor(url()).exit_code, ToInt(ExitCode::kOk));
}

TEST_F(SupabaseTest, RunClosesExistingExposedTablesOnlyWhenAsked) {
  StartSim();
  ASSERT_TRUE(server().Exec(kBusinessUsers, db()));
  ChildExit run = Run(RunArgs(url(), "2024", {"--close-exposed-tables"}));
  ASSERT_EQ(run.exit_code, ToInt(ExitCode::kOk)) << run.output;
  EXPECT_NE(run.output.find("public.users was open to the API"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("Closed with:"), std::string::npos) << run.output;
  EXPECT_EQ(AccessOf(db(), "public.users").substr(0, 2), "t ");
  ExpectClosedTo(url(), db(), "anon", "public.users");
  // The business's row is still there for the owner.
  EXPECT_EQ(*server().QueryValue("SELECT email FROM users WHERE id = 'usr_business'", db()),
            "owner@example.com");
}

// The page of `watch --http`, rendered by headless Chromium in French: the
// exposed table, in words and with its statements, in a section shown only then.
TEST_F(SupabaseTest, ExposedTablesPageInChromiumShowsTheStatements) {
  ASSERT_TRUE(server().Exec(kBusinessUsers, db()));
  LoaderProcess page({"watch", "--db", url(), "--http", "127.0.0.1:0"}, {}, dir_.path());
  std::smatch m;
  std::string output;
  ASSERT_TRUE(WaitUntil(std::chrono::seconds(30), [&] {
    output = page.Output();
    return std::regex_search(output, m, std::regex(R"((http://127\.0\.0\.1:[0-9]+/))"));
  })) << output;
  TempDir profile("gb-chromium-");
  const std::string command =
      "/usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--user-data-dir=" +
      profile.path() + " --virtual-time-budget=4000 --dump-dom '" + m[1].str() +
      "?lang=fr' 2>/dev/null";
  std::string dom;
  ASSERT_TRUE(WaitUntil(std::chrono::seconds(60), [&] {
    FILE* p = popen(command.c_str(), "r");
    if (p == nullptr) return false;
    dom.clear();
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) dom.append(buf, n);
    pclose(p);
    return dom.find("data-table=\"public.users\"") != std::string::npos;
  })) << dom;
  EXPECT_NE(dom.find("<section id=\"exposed\" class=\"alert\">"), std::string::npos)
      << "shown (no hidden attribute): " << dom;
  EXPECT_NE(dom.find("Tables ouvertes à l'API"), std::string::npos) << dom;
  EXPECT_NE(dom.find("public.users est ouverte à l'API"), std::string::npos) << dom;
  EXPECT_NE(dom.find("ALTER TABLE \"public\".\"users\" ENABLE ROW LEVEL SECURITY;"),
            std::string::npos)
      << dom;
}

// Row level security without a policy hides the rows from every role but the
// owner: a loader that is neither superuser nor BYPASSRLS (a role of its own)
// still loads, resumes and watches what it owns.
TEST_F(SupabaseTest, AnOwnerThatIsNeitherSuperuserNorBypassrlsLoadsAndWatches) {
  StartSim();
  ASSERT_TRUE(server().Exec(
      "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'loader') THEN "
      "CREATE ROLE loader LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$"));
  ASSERT_TRUE(server().Exec("GRANT CREATE ON DATABASE " + QuoteIdentifier(db()) +
                                " TO loader; GRANT CREATE ON SCHEMA public TO loader;" +
                                SupabaseDefaultPrivileges("loader"),
                            db()));
  const std::string loader_url =
      "postgresql://loader@127.0.0.1:" + std::to_string(server().port()) + "/" + db();
  const std::vector<int> years = {2024};
  const SimTruth truth = Truth(years);
  ChildExit run = Run(RunArgs(loader_url, "2024"));
  ASSERT_EQ(run.exit_code, ToInt(ExitCode::kOk)) << run.output;
  PgProbe db(this->db());
  ExpectExactLoad(db, truth);
  EXPECT_EQ(*server().QueryValue("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = "
                                 "'gazelle_backfill.gb_runs'::regclass",
                                 this->db()),
            "loader");
  for (const auto& table : ToolCreatedTables(this->db())) {
    ExpectClosedTo(url(), this->db(), "anon", table);
  }
  ChildExit again = Run(RunArgs(loader_url, "2024"));
  EXPECT_EQ(again.exit_code, ToInt(ExitCode::kOk)) << again.output;
  EXPECT_NE(again.output.find("already complete"), std::string::npos) << again.output;
  json watch = Document(WatchJson(loader_url, dir_.path()));
  EXPECT_EQ(watch["run"]["state"], "done");
  EXPECT_EQ(watch["total"]["done"], watch["total"]["expected"]);
  ChildExit doctor = Doctor(loader_url);
  EXPECT_EQ(doctor.exit_code, ToInt(ExitCode::kOk)) << doctor.output;
}

}  // namespace
}  // namespace gb::test
