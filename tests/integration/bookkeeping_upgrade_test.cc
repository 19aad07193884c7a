// The upgrade from the versions that kept their bookkeeping in public: an
// unfinished run in the old layout (the old DDL, fixtures/bookkeeping_in_public.sql,
// holding a run stopped half way, on a Supabase-like cluster where that
// layout was open to the API) is moved into the schema gazelle_backfill by
// the next run — said once in the log — and resumes there to an exact end.
#include <fstream>
#include <sstream>

#include "core/exit_code.h"
#include "integration/loader_watch.h"
#include "integration/supabase_fixture.h"

namespace gb::test {
namespace {

constexpr const char* kTables[] = {"gb_runs",     "gb_plan",    "gb_units",
                                   "gb_counters", "gb_rejects", "gb_workers"};

class BookkeepingUpgradeTest : public SupabaseTest {
 protected:
  // The columns of the old layout's table, as a list ("id, fingerprint, …").
  std::string OldColumns(const std::string& table) {
    auto v = server().QueryValue(
        "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute "
        "WHERE attrelid = 'public." +
            table + "'::regclass AND attnum > 0 AND NOT attisdropped",
        db());
    EXPECT_TRUE(v && !v->empty()) << table;
    return v ? *v : "";
  }

  // What an earlier version would have left: the old DDL in public, holding
  // the rows of the stopped run, its sequences where they were, its data
  // tables as it created them (row level security off, granted to the API
  // roles by Supabase's default privileges).
  void RecreateTheOldLayout() {
    std::ifstream in(std::string(GB_SOURCE_DIR) +
                     "/tests/integration/fixtures/bookkeeping_in_public.sql");
    std::stringstream ddl;
    ddl << in.rdbuf();
    ASSERT_FALSE(ddl.str().empty());
    ASSERT_TRUE(server().Exec(ddl.str(), db()));
    std::string copy;
    for (const char* table : kTables) {
      const std::string cols = OldColumns(table);
      copy += "INSERT INTO public." + std::string(table) + " (" + cols + ") SELECT " + cols +
              " FROM gazelle_backfill." + table + ";";
    }
    for (const char* table : {"gb_runs", "gb_units", "gb_rejects"}) {
      copy += "SELECT setval(pg_get_serial_sequence('public." + std::string(table) +
              "', 'id'), coalesce((SELECT max(id) FROM public." + table + "), 0) + 1, false);";
    }
    copy +=
        "DROP SCHEMA gazelle_backfill CASCADE;"
        "ALTER TABLE users DISABLE ROW LEVEL SECURITY;"
        "ALTER TABLE gazelle_timeline_entries DISABLE ROW LEVEL SECURITY;"
        "GRANT ALL ON users, gazelle_timeline_entries TO anon, authenticated, service_role;"
        "GRANT ALL ON SEQUENCE gazelle_timeline_entries_id_seq TO anon, authenticated, "
        "service_role";
    ASSERT_TRUE(server().Exec("BEGIN;" + copy + ";COMMIT", db()));
  }
};

TEST_F(BookkeepingUpgradeTest, AnUnfinishedRunInPublicMovesIntoItsSchemaAndResumesExactly) {
  StartSim({"--latency-ms", "40"});
  const std::vector<int> years = {2023, 2024};
  const SimTruth truth = Truth(years);
  PgProbe db(this->db());
  // Through the transaction pooler, as on Supabase: the move is one transaction.
  const auto args =
      RunArgs(bouncer_url(), "2023-2024", {"--batch-size", "100", "--concurrency", "2"});
  {
    LoaderProcess first(args, Env(), dir_.path());
    ASSERT_TRUE(WaitUntil(std::chrono::seconds(60), [&] {
      return PgTableExists(db, "gb_units") &&
             db.Int("SELECT coalesce(sum(fetched), 0) FROM gazelle_backfill.gb_units") > 0;
    }));
    first.Signal(SIGINT);
    ASSERT_EQ(first.Wait().exit_code, ToInt(ExitCode::kStopped));
  }
  const int64_t half = db.Int("SELECT sum(fetched) FROM gazelle_backfill.gb_units");
  const int64_t rows = TotalRows(db);
  ASSERT_GT(half, 0);
  ASSERT_LT(half, truth.fetched) << "stopped too late to test a resume";
  RecreateTheOldLayout();
  ASSERT_EQ(db.Int("SELECT count(*) FROM pg_namespace WHERE nspname = 'gazelle_backfill'"), 0);
  ASSERT_EQ(db.Int("SELECT sum(fetched) FROM public.gb_units"), half);
  ASSERT_EQ(db.Value("SELECT state FROM public.gb_runs"), "stopped");
  // The old layout is open to the API, as an earlier version left it on Supabase.
  EXPECT_EQ(AsRole(url(), "anon", "SELECT * FROM public.gb_units").rows,
            db.Int("SELECT count(*) FROM public.gb_units"));

  // doctor before the upgrade: the old bookkeeping, to be moved, and exposed.
  ChildExit before = Doctor(url());
  EXPECT_EQ(before.exit_code, ToInt(ExitCode::kDoctorProblems)) << before.output;
  EXPECT_NE(before.output.find("An earlier version's bookkeeping is in public"), std::string::npos)
      << before.output;
  EXPECT_NE(before.output.find("public.gb_units is open to the API"), std::string::npos);

  ChildExit upgraded = Run(args);
  ASSERT_EQ(upgraded.exit_code, ToInt(ExitCode::kOk)) << upgraded.output;
  const std::string moved =
      "Upgrade: the bookkeeping tables gb_counters, gb_plan, gb_rejects, gb_runs, gb_units, "
      "gb_workers moved from public into the schema gazelle_backfill";
  ASSERT_NE(upgraded.output.find(moved), std::string::npos) << upgraded.output;
  EXPECT_EQ(upgraded.output.find("Upgrade:"), upgraded.output.rfind("Upgrade:")) << "said once";
  EXPECT_NE(upgraded.output.find("Run 1 resumed"), std::string::npos) << upgraded.output;
  // The data tables the earlier version created are reported, not changed.
  EXPECT_NE(upgraded.output.find("public.gazelle_timeline_entries is open to the API"),
            std::string::npos);
  EXPECT_EQ(AccessOf(this->db(), "public.users").substr(0, 2), "f ");

  // Nothing left in public; one run, finished exactly, no duplicate.
  EXPECT_EQ(db.Int("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND "
                   "tablename LIKE 'gb\\_%'"),
            0);
  EXPECT_EQ(db.Int("SELECT count(*) FROM gazelle_backfill.gb_runs"), 1);
  ExpectExactLoad(db, truth);
  EXPECT_GT(TotalRows(db), rows);
  // The moved tables are closed like new ones.
  for (const char* table : kTables) {
    ExpectClosedTo(url(), this->db(), "anon", std::string("gazelle_backfill.") + table);
  }
  // The rerun is a no-op: already complete, nothing more to move.
  ChildExit again = Run(args);
  EXPECT_EQ(again.exit_code, ToInt(ExitCode::kOk)) << again.output;
  EXPECT_NE(again.output.find("already complete"), std::string::npos) << again.output;
  EXPECT_EQ(again.output.find("Upgrade:"), std::string::npos) << again.output;
}

}  // namespace
}  // namespace gb::test
