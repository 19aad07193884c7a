// Each dialect's session classifies a refused row itself (core/violation.h):
// a foreign key violation is a missing reference naming its column and the
// referenced table (PostgreSQL from the constraint in the error, SQLite, which
// names nothing, by looking for the absent row), a CHECK a check; the engine
// reads only that. Against SQLite, PostgreSQL and PostgreSQL through pgbouncer.
#include <gtest/gtest.h>

#include "sink/destination_fixture.h"

namespace gb::test {
namespace {

// An entries table made before the tool (by the business), whose client_id
// references a clients table: the tool loads into it as it is.
constexpr const char* kSqliteTables = R"(
CREATE TABLE users (id TEXT PRIMARY KEY);
CREATE TABLE clients (id TEXT PRIMARY KEY);
INSERT INTO clients VALUES ('cli_1');
CREATE TABLE gazelle_timeline_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT, external_id TEXT NOT NULL UNIQUE,
  client_id TEXT REFERENCES clients(id), piano_id TEXT,
  user_id TEXT REFERENCES users(id) ON DELETE SET NULL, invoice_id TEXT, estimate_id TEXT,
  occurred_at TEXT, entry_type TEXT, title TEXT, description TEXT,
  metadata TEXT NOT NULL DEFAULT '{}', created_at TEXT, updated_at TEXT);
)";

constexpr const char* kPostgresTables = R"(
CREATE TABLE users (id text PRIMARY KEY);
CREATE TABLE clients (id text PRIMARY KEY);
INSERT INTO clients VALUES ('cli_1');
CREATE TABLE gazelle_timeline_entries (
  id bigserial PRIMARY KEY, external_id text NOT NULL UNIQUE,
  client_id text CONSTRAINT entries_client_fk REFERENCES clients(id), piano_id text,
  user_id text REFERENCES users(id) ON DELETE SET NULL, invoice_id text, estimate_id text,
  occurred_at timestamptz, entry_type text, title text, description text,
  metadata jsonb NOT NULL DEFAULT '{}', created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now());
)";

Row WithClient(const std::string& id, const std::string& client) {
  Row row = MakeRow(id, 2024, "APPOINTMENT");
  row.client_id = client;
  return row;
}

class MissingReferenceTest : public DestinationTest {
 protected:
  void SetUp() override {
    DestinationTest::SetUp();
    if (HasFatalFailure()) return;
    Exec(GetParam() == Backend::kSqlite ? kSqliteTables : kPostgresTables);
    session_ = Connect();
    ASSERT_TRUE(session_);
    auto schema = session_->EnsureSchema({});
    ASSERT_TRUE(schema) << schema.error().message;
  }

  void ExpectMissingClient(const Error& error) {
    EXPECT_EQ(error.kind, ErrorKind::kData) << error.message;
    EXPECT_EQ(error.violation.kind, ViolationKind::kMissingReference) << error.message;
    EXPECT_EQ(error.violation.column, "client_id") << error.message;
    EXPECT_EQ(error.violation.referenced_table, "clients") << error.message;
    if (GetParam() != Backend::kSqlite) {
      EXPECT_EQ(error.violation.constraint, "entries_client_fk");
    }
  }

  std::unique_ptr<Session> session_;
};

TEST_P(MissingReferenceTest, NewRowNamesTheReferenceItMisses) {
  ASSERT_TRUE(session_->Begin());
  // A first batch of new rows: PostgreSQL then tries the next one without a probe.
  auto ok = session_->WriteRows(std::vector<Row>{WithClient("tme_1", "cli_1")});
  ASSERT_TRUE(ok) << ok.error().message;
  auto bad = session_->WriteRows(
      std::vector<Row>{WithClient("tme_2", "cli_1"), WithClient("tme_3", "cli_gone")});
  ASSERT_FALSE(bad);
  ExpectMissingClient(bad.error());
  // The transaction is still usable: the good row alone goes in.
  auto retry = session_->WriteRows(std::vector<Row>{WithClient("tme_2", "cli_1")});
  ASSERT_TRUE(retry) << retry.error().message;
  ASSERT_TRUE(session_->Commit());
  EXPECT_EQ(Query("SELECT count(*) FROM gazelle_timeline_entries"), "2");
}

TEST_P(MissingReferenceTest, UpdatedRowNamesTheReferenceItMisses) {
  ASSERT_TRUE(session_->Begin());
  ASSERT_TRUE(session_->WriteRows(std::vector<Row>{WithClient("tme_1", "cli_1")}));
  ASSERT_TRUE(session_->Commit());
  ASSERT_TRUE(session_->Begin());
  auto bad = session_->WriteRows(std::vector<Row>{WithClient("tme_1", "cli_gone")});
  ASSERT_FALSE(bad);
  ExpectMissingClient(bad.error());
  session_->Rollback();
  EXPECT_EQ(Query("SELECT client_id FROM gazelle_timeline_entries WHERE external_id = 'tme_1'"),
            "cli_1");
}

// The users' link is repaired by the sink itself (set-based), never refused.
TEST_P(MissingReferenceTest, UnknownUserIsStillRepairedBySink) {
  ASSERT_TRUE(session_->Begin());
  Row row = WithClient("tme_1", "cli_1");
  row.user_id = "usr_gone";
  auto written = session_->WriteRows(std::vector<Row>{row});
  ASSERT_TRUE(written) << written.error().message;
  ASSERT_TRUE(session_->Commit());
  EXPECT_EQ(written->at(CountKey{2024, "APPOINTMENT"}).unlinked, 1);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, MissingReferenceTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres, Backend::kBouncer),
                         BackendName);

class ViolationTest : public DestinationTest {};

// The tool's own table: an unknown entry type breaks its CHECK.
TEST_P(ViolationTest, CheckViolationIsClassified) {
  auto s = Connect();
  ASSERT_TRUE(s->EnsureSchema({}));
  ASSERT_TRUE(s->Begin());
  auto bad = s->WriteRows(std::vector<Row>{MakeRow("tme_bad", 2024, "NOT_A_TYPE")});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::kData);
  EXPECT_EQ(bad.error().violation.kind, ViolationKind::kCheck) << bad.error().message;
  s->Rollback();
}

INSTANTIATE_TEST_SUITE_P(AllBackends, ViolationTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres, Backend::kBouncer),
                         BackendName);

}  // namespace
}  // namespace gb::test
