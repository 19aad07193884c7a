// The contract with the real API, end to end (issue 12): a full load under
// opaque cursors (`sim --cursor-style opaque`: a cursor reused under another
// filter is refused) gives the same rows as under offset cursors, and the log
// says the time cuts were not used; a load with `sim --null-share` (nulls
// wherever the schema allows them) loses nothing; an existing users table
// without access_level and status gets the two columns, and says so; one with
// only id and first_name (the business's own) gets the four it lacks.
#include <sqlite3.h>

#include <iostream>

#include "core/exit_code.h"
#include "integration/loader_fixture.h"

namespace gb::test {
namespace {

// Every stored column of every row, in id order: equal strings mean equal rows.
std::string Rows(const std::string& db_path) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db_path;
    sqlite3_close(db);
    return out;
  }
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT external_id, client_id, piano_id, user_id, invoice_id, estimate_id, "
                     "occurred_at, entry_type, title, description, metadata "
                     "FROM gazelle_timeline_entries ORDER BY external_id",
                     -1, &stmt, nullptr);
  while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      const auto* text = sqlite3_column_text(stmt, c);
      out += text ? reinterpret_cast<const char*>(text) : "\\N";
      out += c + 1 < sqlite3_column_count(stmt) ? '\t' : '\n';
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

class RunContractTest : public LoaderTest {};

TEST_F(RunContractTest, OpaqueCursorsLoadTheSameRowsAsOffsetCursorsWithoutTimeCuts) {
  // Scale 0.05: the heavy types are big enough to be cut (scale 0.02 is not).
  const std::string years = "2021-2025";
  StartSim({"--cursor-style", "offset"}, 0.05);
  const SimTruth truth = Truth({2021, 2022, 2023, 2024, 2025});
  ChildExit offset = Run(RunArgs(SqliteUrl("offset.db"), years));
  ASSERT_EQ(offset.exit_code, ToInt(ExitCode::kOk)) << offset.output;
  EXPECT_EQ(offset.output.find("time cuts not used"), std::string::npos) << offset.output;
  SqliteProbe offset_db(dir_.File("offset.db"));
  EXPECT_GT(offset_db.Int("SELECT count(*) FROM gb_units WHERE name LIKE 'type:%:%'"), 0)
      << "the offset run should cut its heavy types in time";
  ExpectExactLoad(offset_db, truth);

  sim_.reset();
  StartSim({"--cursor-style", "opaque"}, 0.05);
  ChildExit opaque = Run(RunArgs(SqliteUrl("opaque.db"), years));
  ASSERT_EQ(opaque.exit_code, ToInt(ExitCode::kOk)) << opaque.output;
  EXPECT_NE(opaque.output.find("Warning: time cuts not used: the API refused the cut cursor"),
            std::string::npos)
      << opaque.output;
  SqliteProbe opaque_db(dir_.File("opaque.db"));
  EXPECT_EQ(opaque_db.Int("SELECT count(*) FROM gb_units WHERE name LIKE 'type:%:%'"), 0);
  ExpectExactLoad(opaque_db, truth);

  const std::string rows = Rows(dir_.File("offset.db"));
  EXPECT_GT(rows.size(), 1000u);
  EXPECT_TRUE(rows == Rows(dir_.File("opaque.db"))) << "the two loads differ";
  std::cout << "[figures] offset and opaque loads of " << years << ": "
            << offset_db.Int("SELECT count(*) FROM gazelle_timeline_entries")
            << " identical rows\n";
}

TEST_F(RunContractTest, NullsWhereverTheSchemaAllowsLoseNothing) {
  StartSim({"--null-share", "0.05"});
  const SimTruth truth = Truth({2023, 2024});
  ChildExit run = Run(RunArgs(SqliteUrl(), "2023-2024"));
  ASSERT_EQ(run.exit_code, ToInt(ExitCode::kOk)) << run.output;
  SqliteProbe db(dir_.File("dest.db"));
  ExpectExactLoad(db, truth);
  EXPECT_EQ(db.Int("SELECT count(*) FROM gb_rejects"), 0);
  // Nullable fields null are ordinary values, loaded as NULL.
  EXPECT_GT(db.Int("SELECT count(*) FROM gazelle_timeline_entries WHERE client_id IS NULL"), 0);
  EXPECT_GT(db.Int("SELECT count(*) FROM gazelle_timeline_entries WHERE title IS NULL"), 0);
  // Null items of nodes were asked again.
  EXPECT_NE(run.output.find("null item(s) in a page of nodes"), std::string::npos) << run.output;
  EXPECT_GT(db.Int("SELECT count(*) FROM users WHERE status = 'ACTIVE'"), 0);
}

TEST_F(RunContractTest, AnOldUsersTableGetsAccessLevelAndStatus) {
  StartSim();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.File("dest.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TABLE users (id TEXT PRIMARY KEY, first_name TEXT, last_name "
                           "TEXT, email TEXT, role TEXT, created_at TEXT, updated_at TEXT);"
                           "INSERT INTO users (id, first_name, role) VALUES ('usr_old', 'Ann', "
                           "'ADMIN');",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  ChildExit run = Run(RunArgs(SqliteUrl(), "2024", {"--sync-users"}));
  ASSERT_EQ(run.exit_code, ToInt(ExitCode::kOk)) << run.output;
  EXPECT_NE(run.output.find("the users table had no access_level, status column(s): added them"),
            std::string::npos)
      << run.output;
  SqliteProbe db(dir_.File("dest.db"));
  EXPECT_EQ(db.Value("SELECT role FROM users WHERE id = 'usr_old'"), "ADMIN");  // kept
  EXPECT_GT(db.Int("SELECT count(*) FROM users WHERE access_level IS NOT NULL AND status = "
                   "'ACTIVE'"),
            3);
  ChildExit again = Run(RunArgs(SqliteUrl(), "2024", {"--sync-users"}));
  EXPECT_EQ(again.output.find("added them"), std::string::npos) << again.output;
}

}  // namespace
}  // namespace gb::test
