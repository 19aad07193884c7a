// `rejects list | export | retry` end to end: a load into the business's old
// table (its 8-value CHECK on entry_type) rejects every row of another type;
// they are listed with a count by reason, exported as valid JSONL and CSV
// (raw API node included), and once the constraint is changed, retried:
// those that load leave the rejects table and the counters move from
// rejected to loaded in the same transaction; the others keep a new reason.
#include <fmt/format.h>
#include <sqlite3.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/exit_code.h"
#include "integration/verify_test_support.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace gb::test {
namespace {

constexpr const char* kLegacyColumns = R"(
  client_id text, piano_id text, user_id text, invoice_id text, estimate_id text,
  occurred_at %TS%, entry_type text %CHECK%, title text, description text,
  metadata %JSON% NOT NULL DEFAULT '{}', created_at %TS%, updated_at %TS%)";

constexpr const char* kLegacyCheck =
    "CHECK (entry_type IN ('SERVICE_ENTRY_MANUAL', 'SERVICE_ENTRY_AUTOMATED', 'APPOINTMENT', "
    "'NOTE', 'CONTACT_EMAIL', 'PIANO_MEASUREMENT', 'INVOICE', 'APPOINTMENT_COMPLETION'))";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), to);
  return text;
}

std::string EntriesTable(const std::string& name, bool postgres, const std::string& check) {
  std::string cols = Replace(kLegacyColumns, "%CHECK%", check);
  cols = Replace(cols, "%TS%", postgres ? "timestamptz" : "text");
  cols = Replace(cols, "%JSON%", postgres ? "jsonb" : "text");
  const std::string id = postgres ? "id bigserial PRIMARY KEY" : "id INTEGER PRIMARY KEY";
  return "CREATE TABLE " + name + " (" + id + ", external_id text NOT NULL UNIQUE, " + cols + ")";
}

// RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    std::string& field = records.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.emplace_back(1);
      ++i;
    } else {
      field += c;
    }
  }
  if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
  return records;
}

class RejectsTest {
 protected:
  CliResult Cli(const std::string& args) {
    return RunCli(args + " --db " + target_, {}, dir_.path());
  }

  // Lists, then exports as JSONL and CSV, checking every record.
  void ExpectListedAndExported(int64_t rejected) {
    CliResult list = Cli("rejects list");
    ASSERT_EQ(list.exit_code, 0) << list.output;
    EXPECT_NE(list.output.find(fmt::format("{} rejected rows, by reason:", rejected)),
              std::string::npos)
        << list.output;
    std::string lower = list.output;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_NE(lower.find("check constraint"), std::string::npos) << list.output;  // the reason
    CliResult jsonl = Cli("rejects export --format jsonl");
    ASSERT_EQ(jsonl.exit_code, 0) << jsonl.output;
    std::istringstream lines(jsonl.output);
    int64_t n = 0;
    for (std::string line; std::getline(lines, line); ++n) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      ASSERT_TRUE(j.is_object()) << line;
      ASSERT_TRUE(j["raw"].is_object()) << line;
      EXPECT_EQ(j["raw"]["id"], j["external_id"]);
      EXPECT_FALSE(j["reason"].get<std::string>().empty());
    }
    EXPECT_EQ(n, rejected);
    const std::string csv_path = dir_.File("rejects.csv");
    CliResult csv = Cli("rejects export --format csv --output " + csv_path);
    ASSERT_EQ(csv.exit_code, 0) << csv.output;
    std::ifstream in(csv_path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto records = ParseCsv(text);
    ASSERT_EQ(static_cast<int64_t>(records.size()), rejected + 1);
    for (const auto& record : records) {
      ASSERT_EQ(record.size(), 10u);
    }
    EXPECT_EQ(records[0][9], "raw");
    EXPECT_TRUE(nlohmann::json::parse(records[1][9], nullptr, false).is_object()) << records[1][9];
  }

  TempDir dir_;
  std::unique_ptr<sim::SimServer> sim_ = StartSmallSim();
  std::string target_;
};

class RejectsSqliteTest : public RejectsTest, public ::testing::Test {
 protected:
  void Exec(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string message = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }
  int64_t Value(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path_.c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      v = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return v;
  }

  std::string path_ = dir_.File("legacy.db");
};

TEST_F(RejectsSqliteTest, ListExportThenRetryAfterTheCheckIsWidened) {
  target_ = "sqlite:" + path_;
  Exec("CREATE TABLE users (id text PRIMARY KEY, first_name text);" +
       EntriesTable("gazelle_timeline_entries", false, kLegacyCheck));
  auto outcome = LoadFromSim(*sim_, target_, {2024});
  ASSERT_EQ(outcome.exit_code, ExitCode::kDoneWithRejects) << outcome.message;
  const int64_t expected = sim_->dataset().YearCount(2024);
  const int64_t rejected = Value("SELECT count(*) FROM gb_rejects");
  ASSERT_GT(rejected, 0);
  ASSERT_EQ(Value("SELECT sum(rejected) FROM gb_counters"), rejected);
  ExpectListedAndExported(rejected);

  // The fix: the business widens the CHECK (SQLite rebuilds the table).
  Exec("BEGIN;" + EntriesTable("wide", false, "") +
       ";INSERT INTO wide SELECT * FROM gazelle_timeline_entries;"
       "DROP TABLE gazelle_timeline_entries;"
       "ALTER TABLE wide RENAME TO gazelle_timeline_entries;COMMIT;");
  CliResult retry = Cli("rejects retry");
  ASSERT_EQ(retry.exit_code, 0) << retry.output;
  EXPECT_NE(
      retry.output.find(fmt::format("Retried {} rejected rows: {} now loaded", rejected, rejected)),
      std::string::npos)
      << retry.output;
  EXPECT_EQ(Value("SELECT count(*) FROM gb_rejects"), 0);
  EXPECT_EQ(Value("SELECT sum(rejected) FROM gb_counters"), 0);
  EXPECT_EQ(Value("SELECT sum(inserted + updated + unchanged + repaired) FROM gb_counters"),
            expected);
  EXPECT_EQ(Value("SELECT count(*) FROM gazelle_timeline_entries"), expected);
  CliResult empty = Cli("rejects list");
  EXPECT_NE(empty.output.find("No rejected rows"), std::string::npos) << empty.output;
}

class RejectsPostgresTest : public RejectsTest, public PgDatabaseTest {
 protected:
  int64_t Value(const std::string& sql) {
    auto v = server().QueryValue(sql, db());
    return v && !v->empty() ? std::stoll(*v) : -1;
  }
};

TEST_F(RejectsPostgresTest, RetryLoadsWhatNowFitsAndKeepsTheRestWithTheirNewReason) {
  target_ = url();
  ASSERT_TRUE(server().Exec("CREATE TABLE users (id text PRIMARY KEY, first_name text);" +
                                EntriesTable("gazelle_timeline_entries", true, kLegacyCheck),
                            db()));
  auto outcome = LoadFromSim(*sim_, target_, {2024});
  ASSERT_EQ(outcome.exit_code, ExitCode::kDoneWithRejects) << outcome.message;
  const int64_t expected = sim_->dataset().YearCount(2024);
  const int64_t rejected = Value("SELECT count(*) FROM gazelle_backfill.gb_rejects");
  ASSERT_GT(rejected, 0);
  ExpectListedAndExported(rejected);

  // First fix: a new constraint that still refuses the most frequent rejected type.
  auto kept = server().QueryValue(
      "SELECT type FROM gazelle_backfill.gb_rejects GROUP BY type ORDER BY count(*) DESC, type "
      "LIMIT 1",
      db());
  ASSERT_TRUE(kept);
  const int64_t still =
      Value("SELECT count(*) FROM gazelle_backfill.gb_rejects WHERE type = '" + *kept + "'");
  ASSERT_GT(still, 0);
  ASSERT_LT(still, rejected);
  ASSERT_TRUE(
      server().Exec("ALTER TABLE gazelle_timeline_entries DROP CONSTRAINT "
                    "gazelle_timeline_entries_entry_type_check;"
                    "ALTER TABLE gazelle_timeline_entries ADD CONSTRAINT still_refused "
                    "CHECK (entry_type <> '" +
                        *kept + "');",
                    db()));
  CliResult partial = Cli("rejects retry --batch-size 7");
  EXPECT_EQ(partial.exit_code, ToInt(ExitCode::kDoneWithRejects)) << partial.output;
  EXPECT_NE(partial.output.find(fmt::format("{} now loaded", rejected - still)), std::string::npos)
      << partial.output;
  EXPECT_NE(partial.output.find(fmt::format("{} still rejected", still)), std::string::npos);
  EXPECT_EQ(Value("SELECT count(*) FROM gazelle_backfill.gb_rejects"), still);
  EXPECT_EQ(
      Value("SELECT count(*) FROM gazelle_backfill.gb_rejects WHERE reason LIKE '%still_refused%'"),
      still);
  EXPECT_EQ(Value("SELECT sum(rejected) FROM gazelle_backfill.gb_counters"), still);
  EXPECT_EQ(Value("SELECT sum(inserted + updated + unchanged + repaired) FROM "
                  "gazelle_backfill.gb_counters"),
            expected - still);

  // Second fix: nothing refused any more.
  ASSERT_TRUE(
      server().Exec("ALTER TABLE gazelle_timeline_entries DROP CONSTRAINT still_refused", db()));
  CliResult rest = Cli("rejects retry --run 1");
  EXPECT_EQ(rest.exit_code, 0) << rest.output;
  EXPECT_EQ(Value("SELECT count(*) FROM gazelle_backfill.gb_rejects"), 0);
  EXPECT_EQ(Value("SELECT sum(rejected) FROM gazelle_backfill.gb_counters"), 0);
  EXPECT_EQ(Value("SELECT count(*) FROM gazelle_timeline_entries"), expected);
}

}  // namespace
}  // namespace gb::test
