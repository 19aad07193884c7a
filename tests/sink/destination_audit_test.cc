// doctor's audits against real destinations: a PostgreSQL reached directly,
// through pgbouncer in transaction mode, over verified TLS and by a role with
// too few rights; one that cannot be reached; and SQLite files. Each finding
// is checked by its id and values (the words are monitor/'s).
#include "sink/destination_audit.h"

#include <sys/stat.h>

#include <fstream>
#include <set>

#include "sink/destination.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"
#include "support/test_ca.h"

namespace gb::test {
namespace {

AuditReport AuditOf(const std::string& url, AuditOptions options = {}) {
  auto auditor = OpenAuditor(url);
  EXPECT_TRUE(auditor) << auditor.error().message;
  return auditor ? (*auditor)->Audit(options) : AuditReport{};
}

const Finding* Find(const AuditReport& r, FindingId id) {
  for (const auto& f : r.findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

std::string Ids(const AuditReport& r) {
  std::string out;
  for (const auto& f : r.findings) {
    out +=
        std::to_string(static_cast<int>(f.id)) + (f.values.empty() ? "" : ":" + f.values[0]) + " ";
  }
  return out;
}

using PgAuditTest = PgDatabaseTest;

TEST_F(PgAuditTest, APlainPostgresqlIsReadyAndServesNoApi) {
  AuditReport r = AuditOf(url());
  EXPECT_TRUE(r.reachable);
  EXPECT_FALSE(r.HasProblems()) << Ids(r);
  const Finding* reachable = Find(r, FindingId::kReachable);
  ASSERT_NE(reachable, nullptr) << Ids(r);
  EXPECT_EQ(reachable->values[1], db());
  EXPECT_EQ(reachable->values[2], "postgres");
  ASSERT_NE(Find(r, FindingId::kServerVersion), nullptr);
  EXPECT_EQ(Find(r, FindingId::kServerVersion)->values[0].substr(0, 3), "15.");
  ASSERT_NE(Find(r, FindingId::kDirectConnection), nullptr) << Ids(r);
  EXPECT_EQ(Find(r, FindingId::kDirectConnection)->values[0], std::to_string(server().port()));
  EXPECT_NE(Find(r, FindingId::kSchemaCreatable), nullptr) << Ids(r);
  EXPECT_NE(Find(r, FindingId::kTablesCreatable), nullptr) << Ids(r);
  EXPECT_NE(Find(r, FindingId::kNoApiRoles), nullptr) << Ids(r);
  EXPECT_EQ(Find(r, FindingId::kTransactionPooler), nullptr) << Ids(r);
  ASSERT_NE(Find(r, FindingId::kEncoding), nullptr);
  EXPECT_EQ(Find(r, FindingId::kEncoding)->values[0], "UTF8");
  EXPECT_NE(Find(r, FindingId::kCollation), nullptr);
  // Read only: nothing was created.
  EXPECT_EQ(*server().QueryValue("SELECT count(*) FROM pg_namespace WHERE nspname = "
                                 "'gazelle_backfill'",
                                 db()),
            "0");
}

TEST_F(PgAuditTest, PgbouncerInTransactionModeIsSeenAsATransactionPooler) {
  AuditReport r = AuditOf(bouncer_url());
  const Finding* pooler = Find(r, FindingId::kTransactionPooler);
  ASSERT_NE(pooler, nullptr) << Ids(r);
  EXPECT_EQ(pooler->values[0], std::to_string(server().bouncer_port()));
  EXPECT_EQ(Find(r, FindingId::kDirectConnection), nullptr);
  EXPECT_FALSE(r.HasProblems()) << Ids(r);
}

TEST_F(PgAuditTest, ARoleWithTooFewRightsGetsTheGrantsThatWouldFixIt) {
  ASSERT_TRUE(server().Exec(
      "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'weak') THEN "
      "CREATE ROLE weak LOGIN; END IF; END $$"));
  ASSERT_TRUE(
      server().Exec("CREATE SCHEMA gazelle_backfill; CREATE TABLE gazelle_backfill.gb_runs "
                    "(id bigserial PRIMARY KEY); GRANT USAGE ON SCHEMA gazelle_backfill TO "
                    "weak; GRANT SELECT ON gazelle_backfill.gb_runs TO weak;",
                    db()));
  AuditReport r =
      AuditOf("postgresql://weak@127.0.0.1:" + std::to_string(server().port()) + "/" + db());
  EXPECT_TRUE(r.HasProblems());
  const Finding* schema = Find(r, FindingId::kSchemaNotUsable);
  ASSERT_NE(schema, nullptr) << Ids(r);
  EXPECT_EQ(schema->values, (std::vector<std::string>{"gazelle_backfill", "weak", "CREATE"}));
  EXPECT_EQ(schema->statements,
            (std::vector<std::string>{"GRANT USAGE, CREATE ON SCHEMA \"gazelle_backfill\" TO "
                                      "\"weak\""}));
  const Finding* tables = Find(r, FindingId::kTablesNotCreatable);
  ASSERT_NE(tables, nullptr) << Ids(r);  // PostgreSQL 15: no CREATE on public for PUBLIC
  EXPECT_EQ(tables->values[2], "users, gazelle_timeline_entries");
  const Finding* runs = Find(r, FindingId::kTableNotWritable);
  ASSERT_NE(runs, nullptr) << Ids(r);
  EXPECT_EQ(runs->values, (std::vector<std::string>{"gazelle_backfill.gb_runs", "weak",
                                                    "INSERT, UPDATE, DELETE", "postgres"}));
  EXPECT_EQ(runs->statements[0],
            "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE \"gazelle_backfill\".\"gb_runs\" TO "
            "\"weak\"");
  EXPECT_EQ(Find(r, FindingId::kTablesWritable), nullptr);
}

TEST_F(PgAuditTest, AnUnreachableServerIsOneFindingNotAnError) {
  // Port 1: nobody listens there.
  AuditReport r = AuditOf("postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=2");
  EXPECT_FALSE(r.reachable);
  EXPECT_EQ(r.unreachable_kind, ErrorKind::kTransient);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, FindingId::kUnreachable);
  EXPECT_NE(r.findings[0].values[1].find("127.0.0.1"), std::string::npos);
}

class PgAuditTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new PgServer(PgServerOptions{.test_ca = true}); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static PgServer* server_;
};

PgServer* PgAuditTlsTest::server_ = nullptr;

TEST_F(PgAuditTlsTest, SaysWhetherTheServersCertificateIsOrCouldBeVerified) {
  ASSERT_TRUE(server_->ok()) << server_->error();
  AuditReport verified = AuditOf(server_->VerifyFullUrl());
  ASSERT_NE(Find(verified, FindingId::kTlsInUse), nullptr) << Ids(verified);
  EXPECT_EQ(Find(verified, FindingId::kTlsInUse)->values[0].substr(0, 4), "TLSv");
  EXPECT_NE(Find(verified, FindingId::kVerifyFullInUse), nullptr) << Ids(verified);

  AuditReport possible =
      AuditOf(server_->Url() + "?sslmode=require&sslrootcert=" + server_->ca_file());
  EXPECT_NE(Find(possible, FindingId::kTlsInUse), nullptr) << Ids(possible);
  EXPECT_NE(Find(possible, FindingId::kVerifyFullPossible), nullptr) << Ids(possible);

  AuditReport no_ca =
      AuditOf(server_->Url() + "?sslmode=require&sslrootcert=/nonexistent/root.crt");
  const Finding* missing = Find(no_ca, FindingId::kVerifyFullNoCa);
  ASSERT_NE(missing, nullptr) << Ids(no_ca);
  EXPECT_EQ(missing->values[0], "/nonexistent/root.crt");

  // The right CA, but a host name the certificate does not carry (require
  // checks the CA only; verify-full checks the name too).
  std::string url =
      server_->Url() + "?sslmode=require&hostaddr=127.0.0.1&sslrootcert=" + server_->ca_file();
  url.replace(url.find("127.0.0.1"), 9, "db.example.invalid");
  AuditReport other_name = AuditOf(url);
  ASSERT_NE(Find(other_name, FindingId::kTlsInUse), nullptr) << Ids(other_name);
  const Finding* why = Find(other_name, FindingId::kVerifyFullImpossible);
  ASSERT_NE(why, nullptr) << Ids(other_name);
  EXPECT_NE(why->values[0].find("db.example.invalid"), std::string::npos) << why->values[0];
  EXPECT_EQ(why->values[0].find('\n'), std::string::npos) << why->values[0];
}

TEST(SqliteAuditTest, SaysWhatAppliesToAFile) {
  TempDir dir("gb-audit-sqlite-");
  const std::string path = dir.File("gazelle.db");
  AuditReport fresh = AuditOf("sqlite:" + path);
  ASSERT_NE(Find(fresh, FindingId::kSqliteNewFile), nullptr) << Ids(fresh);
  EXPECT_NE(Find(fresh, FindingId::kSqliteNoApi), nullptr);
  EXPECT_NE(Find(fresh, FindingId::kSqliteVersion), nullptr);
  EXPECT_FALSE(fresh.HasProblems());
  EXPECT_NE(access(path.c_str(), F_OK), 0) << "doctor created the file";

  auto dest = OpenDestination("sqlite:" + path);
  ASSERT_TRUE(dest);
  auto session = (*dest)->Connect();
  ASSERT_TRUE(session && (*session)->EnsureSchema({}));
  chmod(path.c_str(), 0644);
  AuditReport loaded = AuditOf("sqlite:" + path);
  EXPECT_NE(Find(loaded, FindingId::kSqliteFile), nullptr) << Ids(loaded);
  const Finding* others = Find(loaded, FindingId::kSqliteReadableByOthers);
  ASSERT_NE(others, nullptr) << Ids(loaded);
  EXPECT_EQ(others->values[1], "0644");
  chmod(path.c_str(), 0600);
  EXPECT_EQ(Find(AuditOf("sqlite:" + path), FindingId::kSqliteReadableByOthers), nullptr);

  std::ofstream(dir.File("notes.txt")) << "not a database, just some text that is long enough";
  AuditReport text = AuditOf("sqlite:" + dir.File("notes.txt"));
  EXPECT_NE(Find(text, FindingId::kSqliteNotDatabase), nullptr) << Ids(text);
  EXPECT_TRUE(text.HasProblems());

  AuditReport nowhere = AuditOf("sqlite:/nonexistent-dir/gazelle.db");
  EXPECT_NE(Find(nowhere, FindingId::kSqliteNotWritable), nullptr) << Ids(nowhere);
}

}  // namespace
}  // namespace gb::test
