// doctor's findings and the exposure of a table in words, as strings: one
// line per finding with what to do, the statements that fix it below, the
// summary last; the JSON document; the same in French from the real catalog;
// and the exposed tables in the run's log and watch's frame.
#include "monitor/doctor_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "health_fixture.h"
#include "monitor/dashboard.h"
#include "monitor/exposure_text.h"
#include "monitor/format.h"
#include "monitor/i18n.h"
#include "monitor/log_lines.h"

namespace gb {
namespace {

using nlohmann::json;

TableExposure UsersExposed() {
  return TableExposure{"public.users",
                       false,
                       {"anon", "authenticated"},
                       {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"},
                       {"ALTER TABLE \"public\".\"users\" ENABLE ROW LEVEL SECURITY",
                        "REVOKE ALL ON TABLE \"public\".\"users\" FROM \"anon\"",
                        "REVOKE ALL ON TABLE \"public\".\"users\" FROM \"authenticated\""},
                       false};
}

AuditReport Report() {
  AuditReport r;
  r.destination = "postgresql://postgres@db.example.com/postgres";
  r.findings = {
      {FindingId::kReachable, Severity::kOk, {r.destination, "postgres", "postgres"}, {}, {}},
      {FindingId::kTlsOff, Severity::kWarning, {"db.example.com"}, {}, {}},
      {FindingId::kDirectConnection, Severity::kOk, {"5432", "1000", "12"}, {}, {}},
      {FindingId::kRole, Severity::kNote, {"postgres", "", "bypassrls"}, {}, {}},
      {FindingId::kExposed, Severity::kProblem, {}, UsersExposed(), {}},
      {FindingId::kTableNotWritable,
       Severity::kProblem,
       {"gazelle_backfill.gb_runs", "app", "INSERT, UPDATE", "postgres"},
       {},
       {"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE \"gazelle_backfill\".\"gb_runs\" TO "
        "\"app\""}},
  };
  return r;
}

class DoctorReportTest : public ::testing::Test {
 protected:
  std::ostringstream sink_;
  Terminal plain_{sink_, TerminalCaps{false, false}};
};

TEST_F(DoctorReportTest, OneLinePerFindingWithWhatToDoAndTheStatementsBelow) {
  std::string text = FormatDoctorReport(Report(), 15, plain_);
  EXPECT_EQ(
      text.rfind("gazelle-backfill doctor · postgresql://postgres@db.example.com/postgres\n", 0),
      0u)
      << text;
  EXPECT_NE(text.find("ok       Reachable: postgresql://postgres@db.example.com/postgres "
                      "(database postgres, role postgres).\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("warning  No TLS to db.example.com: the password and the rows cross the "
                      "network in clear. → Add sslmode=require to the URL"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("max_connections is 1,000, 12 in use."), std::string::npos) << text;
  EXPECT_NE(text.find("Connected as postgres (superuser: no; bypasses row level security: yes)."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("PROBLEM  public.users is open to the API: row level security is off and "
                      "anon, authenticated hold SELECT, INSERT, UPDATE, DELETE, TRUNCATE on it — "
                      "anyone with the project's public anon key can read and change its rows. → "
                      "Close it with these statements"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\n           ALTER TABLE \"public\".\"users\" ENABLE ROW LEVEL SECURITY;\n"
                      "           REVOKE ALL ON TABLE \"public\".\"users\" FROM \"anon\";\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("PROBLEM  app lacks INSERT, UPDATE on gazelle_backfill.gb_runs (owned by "
                      "postgres). → Have its owner run:\n           GRANT SELECT, INSERT, UPDATE, "
                      "DELETE ON TABLE \"gazelle_backfill\".\"gb_runs\" TO \"app\";\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("2 problem(s), 1 warning(s): fix the problems before the first load (exit "
                      "code 15).\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << "no colour without a terminal";
}

TEST_F(DoctorReportTest, TheJsonDocumentCarriesIdsSeveritiesWordsAndStatements) {
  json doc = json::parse(FormatDoctorJson(Report(), 15));
  EXPECT_EQ(doc["exit_code"], 15);
  EXPECT_EQ(doc["problems"], 2);
  EXPECT_EQ(doc["warnings"], 1);
  ASSERT_EQ(doc["findings"].size(), 6u);
  EXPECT_EQ(doc["findings"][1]["id"], "tls_off");
  EXPECT_EQ(doc["findings"][1]["severity"], "warning");
  const json& exposed = doc["findings"][4];
  EXPECT_EQ(exposed["id"], "exposed");
  EXPECT_EQ(exposed["severity"], "problem");
  EXPECT_EQ(exposed["statements"].size(), 3u);
  EXPECT_EQ(exposed["exposure"]["table"], "public.users");
  EXPECT_EQ(exposed["exposure"]["closed"], false);
  EXPECT_EQ(doc["findings"][5]["statements"][0],
            "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE \"gazelle_backfill\".\"gb_runs\" TO "
            "\"app\"");
}

TEST_F(DoctorReportTest, EveryFindingHasAStableNameAndWords) {
  for (int id = 0; id <= static_cast<int>(FindingId::kCheckFailed); ++id) {
    const auto f = static_cast<FindingId>(id);
    SCOPED_TRACE(id);
    EXPECT_FALSE(FindingName(f).empty());
    if (f == FindingId::kExposed || f == FindingId::kClosed) continue;
    Finding finding{f, Severity::kNote, std::vector<std::string>(5, "1"), {}, {}};
    EXPECT_FALSE(FindingText(finding).empty());
    EXPECT_EQ(FindingText(finding).find('{'), std::string::npos) << FindingText(finding);
  }
}

TEST_F(DoctorReportTest, AClosedTableSaysSoWithTheStatementsThatClosedIt) {
  TableExposure closed = UsersExposed();
  closed.closed = true;
  std::vector<std::string> lines = FormatDestinationLines(
      DestinationPrepared{"gazelle_backfill", {"gb_runs", "gb_units"}, {closed}});
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0],
            "Upgrade: the bookkeeping tables gb_runs, gb_units moved from public into the schema "
            "gazelle_backfill, with their data (an unfinished run resumes); the Supabase API does "
            "not serve that schema.");
  EXPECT_EQ(lines[1],
            "public.users was open to the API (anon, authenticated held SELECT, INSERT, UPDATE, "
            "DELETE, TRUNCATE on it, row level security off); it is closed now.");
  EXPECT_EQ(lines[2], "  Closed with:");
  EXPECT_EQ(lines[3], "    ALTER TABLE \"public\".\"users\" ENABLE ROW LEVEL SECURITY;");
}

TEST_F(DoctorReportTest, WatchShowsTheExposedTablesWrappedNeverCut) {
  RunHealth health;
  DbStatus s = testing::RunningStatus(testing::kT0, 1000);
  s.exposed = {UsersExposed()};
  health.Add(0, s, "postgresql://postgres@db/postgres");
  std::string text = RenderDashboardText(health.Current(), 60, 100, plain_);
  EXPECT_NE(text.find("1 table(s) open to the API: see below how to"), std::string::npos) << text;
  EXPECT_NE(text.find("Exposed to the API\n"), std::string::npos) << text;
  // Each statement whole, across lines no wider than the terminal.
  std::string joined;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_LT(DisplayWidth(line), 60u) << line;
    joined += line.substr(line.find_first_not_of(' ') == std::string::npos
                              ? line.size()
                              : line.find_first_not_of(' ')) +
              " ";
  }
  EXPECT_NE(joined.find("REVOKE ALL ON TABLE \"public\".\"users\" FROM \"authenticated\";"),
            std::string::npos)
      << text;
}

class DoctorReportFrenchTest : public DoctorReportTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(UseCatalog(std::string(GB_BUILD_DIR) + "/locale", FrenchLocale()));
  }
  void TearDown() override { UseCatalog("", EnglishLocale()); }
};

TEST_F(DoctorReportFrenchTest, TheReportSpeaksFrenchAndKeepsTheStatementsAsTheyAre) {
  std::string text = FormatDoctorReport(Report(), 15, plain_);
  EXPECT_NE(text.find("PROBLÈME public.users est ouverte à l'API"), std::string::npos) << text;
  EXPECT_NE(text.find("max_connections vaut 1\u00a0000, 12 en cours"), std::string::npos) << text;
  EXPECT_NE(text.find("ALTER TABLE \"public\".\"users\" ENABLE ROW LEVEL SECURITY;"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("2 problème(s), 1 avertissement(s)"), std::string::npos) << text;
}

}  // namespace
}  // namespace gb
