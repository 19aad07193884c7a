// SQL lives in sql/<dialect>/*.sql, one statement per file, values bound:
// no C++ source under src/ builds a statement out of string literals (where
// a value could be pasted in). Runtime identifiers, if ever needed, go
// through sink/sql_identifier.h (QuoteIdentifier).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

namespace {

TEST(SqlPlacementTest, NoStatementTextInTheSources) {
  // A string literal that starts a statement, e.g. "SELECT ... or "INSERT INTO ...
  static const std::regex statement(
      R"re("[^"\n]*\b(SELECT\s|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|ALTER\s+TABLE|DROP\s+TABLE|PRAGMA\s))re");
  int files = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(GB_SOURCE_DIR) + "/src")) {
    const auto ext = entry.path().extension();
    if (ext != ".cc" && ext != ".h") continue;
    // The simulator has no database; its hostile content is SQL-looking on purpose.
    if (entry.path().string().find("/src/sim/") != std::string::npos) continue;
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      EXPECT_FALSE(std::regex_search(line, statement))
          << entry.path() << ":" << n << " builds SQL in C++; put it in sql/<dialect>/NAME.sql "
          << "and bind its values:\n"
          << line;
    }
  }
  EXPECT_GT(files, 80);  // the scan really ran over the sources
}

// The bookkeeping tables live in schema gazelle_backfill (out of the API's
// reach on Supabase) and the loader sets no search_path: a PostgreSQL
// statement that names one bare would find no table, or a user's own
// public.gb_runs. Only the statements that move the legacy tables from
// public name them otherwise.
TEST(SqlPlacementTest, PostgresStatementsNameTheBookkeepingSchema) {
  static const std::regex bare(
      R"re(\b(FROM|JOIN|INTO|UPDATE|TABLE)\s+(public\.)?gb_(runs|plan|units|counters|rejects|workers)\b)re",
      std::regex::icase);
  int files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(GB_SOURCE_DIR) + "/sql/postgres")) {
    if (entry.path().extension() != ".sql") continue;
    const std::string name = entry.path().filename().string();
    if (name == "move_to_bookkeeping_schema.sql" || name == "legacy_bookkeeping.sql") continue;
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.rfind("--", 0) == 0) continue;
      EXPECT_FALSE(std::regex_search(line, bare))
          << entry.path() << ":" << n << " names a bookkeeping table without its schema; write "
          << "gazelle_backfill.gb_...:\n"
          << line;
    }
  }
  EXPECT_GT(files, 50);
}

}  // namespace
