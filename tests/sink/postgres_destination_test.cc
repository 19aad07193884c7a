// PostgreSQL-only behaviour: the business's existing legacy table, TLS, and
// secrets kept out of Describe() and errors.
#include <gtest/gtest.h>

#include <thread>

#include "core/redact.h"
#include "sink/destination.h"
#include "sink/destination_fixture.h"
#include "support/legacy_table.h"
#include "support/pg_server.h"

namespace gb::test {
namespace {

class PostgresDestinationTest : public PgDatabaseTest {};

TEST_F(PostgresDestinationTest, WorksWithTheBusinessLegacyTableWithoutAlteringIt) {
  ASSERT_TRUE(server().Exec(kLegacyTable, db()));
  auto dest = OpenDestination(url());
  ASSERT_TRUE(dest);
  auto s = (*dest)->Connect();
  ASSERT_TRUE(s) << s.error().message;
  auto report = (*s)->EnsureSchema({});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_FALSE(report->entries_created);
  EXPECT_FALSE(report->users_created);
  ASSERT_TRUE((*s)->Begin());
  // No FK on user_id here: an unknown user is stored as is, not "repaired".
  auto ok = (*s)->WriteRows(std::vector<Row>{MakeRow("tme_1", 2024, "APPOINTMENT", "usr_x")});
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->at(CountKey{2024, "APPOINTMENT"}).inserted, 1);
  EXPECT_EQ(ok->at(CountKey{2024, "APPOINTMENT"}).repaired, 0);
  auto type = (*s)->WriteRows(std::vector<Row>{MakeRow("tme_2", 2024, "CONTACT_SMS_MANUAL")});
  ASSERT_FALSE(type);
  EXPECT_EQ(type.error().kind, ErrorKind::kData);
  EXPECT_EQ(type.error().code, "23514");
  auto longer =
      (*s)->WriteRows(std::vector<Row>{MakeRow("tme_3", 2024, "NOTE", {}, std::string(501, 'a'))});
  ASSERT_FALSE(longer);
  EXPECT_EQ(longer.error().kind, ErrorKind::kData);
  EXPECT_EQ(longer.error().code, "22001");
  ASSERT_TRUE((*s)->Commit());
  EXPECT_EQ(*server().QueryValue("SELECT count(*) FROM gazelle_timeline_entries", db()), "2");
  EXPECT_EQ(*server().QueryValue(
                "SELECT user_id FROM gazelle_timeline_entries WHERE external_id = 'tme_1'", db()),
            "usr_x");
  EXPECT_EQ(*server().QueryValue("SELECT count(*) FROM information_schema.columns WHERE "
                                 "table_name = 'gazelle_timeline_entries'",
                                 db()),
            "14");
}

TEST_F(PostgresDestinationTest, MissingColumnIsAConfigErrorNotARowError) {
  ASSERT_TRUE(server().Exec(
      "CREATE TABLE gazelle_timeline_entries (id bigserial PRIMARY KEY, external_id text UNIQUE)",
      db()));
  auto dest = OpenDestination(url());
  auto s = (*dest)->Connect();
  ASSERT_TRUE(s);
  ASSERT_TRUE((*s)->EnsureSchema({}));
  ASSERT_TRUE((*s)->Begin());
  auto w = (*s)->WriteRows(std::vector<Row>{MakeRow("tme_1", 2024, "APPOINTMENT")});
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().kind, ErrorKind::kConfig) << w.error().message;
  EXPECT_EQ(w.error().code, "42703");
}

TEST_F(PostgresDestinationTest, ConnectsWithSslmodeRequire) {
  auto dest = OpenDestination(url() + "?sslmode=require&connect_timeout=5");
  ASSERT_TRUE(dest);
  auto s = (*dest)->Connect();
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_TRUE((*s)->EnsureSchema({}));
  ASSERT_TRUE((*s)->Begin());
  ASSERT_TRUE((*s)->WriteRows(std::vector<Row>{MakeRow("tme_1", 2024, "APPOINTMENT")}));
  ASSERT_TRUE((*s)->Commit());
  EXPECT_EQ(*server().QueryValue("SELECT count(*) FROM gazelle_timeline_entries", db()), "1");
}

TEST(PostgresSecretsTest, PasswordNeverInDescribeOrErrors) {
  const std::string secret = "hunter2-s3cret-pw";
  auto dest = OpenDestination("postgresql://app:" + secret + "@127.0.0.1:1/db?sslmode=disable");
  ASSERT_TRUE(dest);
  std::string described = (*dest)->Describe();
  EXPECT_EQ(described.find(secret), std::string::npos) << described;
  EXPECT_NE(described.find("127.0.0.1"), std::string::npos);
  auto s = (*dest)->Connect();  // nothing listens on port 1
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kTransient);
  EXPECT_EQ(s.error().message.find(secret), std::string::npos) << s.error().message;
  EXPECT_EQ(RedactSecrets("x " + secret), "x ***");
  auto q = OpenDestination("postgres://127.0.0.1:1/db?password=" + secret);
  ASSERT_TRUE(q);
  EXPECT_EQ((*q)->Describe().find(secret), std::string::npos);
}

TEST(PostgresConnectTest, UnknownDatabaseIsAConfigError) {
  PgServer& s = PgServer::Shared();
  ASSERT_TRUE(s.ok()) << s.error();
  auto dest = OpenDestination(s.Url("no_such_database_here"));
  auto conn = (*dest)->Connect();
  ASSERT_FALSE(conn);
  EXPECT_EQ(conn.error().kind, ErrorKind::kConfig) << conn.error().message;
}

TEST(PostgresConnectTest, LostConnectionIsTransientAndANewSessionWorks) {
  PgServer own(PgServerOptions{.fsync = false});
  ASSERT_TRUE(own.ok()) << own.error();
  auto dest = OpenDestination(own.Url());
  auto s = (*dest)->Connect();
  ASSERT_TRUE(s);
  ASSERT_TRUE((*s)->EnsureSchema({}));
  ASSERT_TRUE(own.Restart());  // every existing connection is cut
  Status begun = (*s)->Begin();
  Result<CountTable> written = Fail(ErrorKind::kInternal, "not reached");
  if (begun) written = (*s)->WriteRows(std::vector<Row>{MakeRow("tme_1", 2024, "APPOINTMENT")});
  ASSERT_TRUE(!begun || !written);
  Error error = begun ? written.error() : begun.error();
  EXPECT_EQ(error.kind, ErrorKind::kTransient) << error.message;
  (*s)->Rollback();
  auto fresh = (*dest)->Connect();
  ASSERT_TRUE(fresh) << fresh.error().message;
  ASSERT_TRUE((*fresh)->Begin());
  ASSERT_TRUE((*fresh)->WriteRows(std::vector<Row>{MakeRow("tme_1", 2024, "APPOINTMENT")}));
  ASSERT_TRUE((*fresh)->Commit());
}

TEST_F(PostgresDestinationTest, ConcurrentWritersOfTheSameNewRowBothSucceed) {
  auto dest = OpenDestination(url());
  auto a = std::move(*(*dest)->Connect());
  auto b = std::move(*(*dest)->Connect());
  ASSERT_TRUE(a->EnsureSchema({}));
  std::vector<Row> rows = {MakeRow("tme_race", 2024, "APPOINTMENT")};
  ASSERT_TRUE(a->Begin());
  ASSERT_TRUE(a->WriteRows(rows));  // uncommitted: invisible to b's check
  Result<CountTable> b_counts = Fail(ErrorKind::kInternal, "not run");
  std::thread other([&] {
    if (b->Begin()) b_counts = b->WriteRows(rows);  // waits on a's row, then sees it exists
  });
  // b waits on a's row lock: seen in pg_stat_activity rather than slept for.
  bool b_waits = false;
  for (int i = 0; i < 1000 && !b_waits; ++i) {
    auto waiting = server().QueryValue(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = "
        "current_database() AND wait_event_type = 'Lock'",
        db());
    b_waits = waiting && *waiting == "1";
    if (!b_waits) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(b_waits) << "b never waited on a's uncommitted row";
  ASSERT_TRUE(a->Commit());
  other.join();
  ASSERT_TRUE(b_counts) << b_counts.error().message;
  EXPECT_EQ(b_counts->at(CountKey{2024, "APPOINTMENT"}).unchanged, 1);
  ASSERT_TRUE(b->Commit());
  EXPECT_EQ(*server().QueryValue("SELECT count(*) FROM gazelle_timeline_entries", db()), "1");
}

TEST_F(PostgresDestinationTest, ClaimSkipsUnitsLockedByAnotherTransaction) {
  auto dest = OpenDestination(url());
  auto a = (*dest)->Connect();
  auto b = (*dest)->Connect();
  ASSERT_TRUE(a && b);
  ASSERT_TRUE((*a)->EnsureSchema({}));
  NewRun run{"fp", "{}", {{2024, 1}}, {}};
  for (const char* name : {"u1", "u2"}) {
    UnitSpec unit;
    unit.name = name;
    run.units.push_back(unit);
  }
  auto created = (*a)->CreateRun(run);
  ASSERT_TRUE(created);
  // A holds the first unit's row lock in an open transaction; B must not wait on it.
  ASSERT_TRUE((*a)->Begin());
  auto ua = (*a)->ClaimUnit(created->id, "wa", std::chrono::seconds(60));
  ASSERT_TRUE(ua && *ua);
  auto ub = (*b)->ClaimUnit(created->id, "wb", std::chrono::seconds(60));
  ASSERT_TRUE(ub && *ub) << (ub ? "none" : ub.error().message);
  EXPECT_NE((*ua)->id, (*ub)->id);
  (*a)->Rollback();  // A's claim is undone: the unit is pending again
  auto again = (*b)->ClaimUnit(created->id, "wb", std::chrono::seconds(60));
  ASSERT_TRUE(again && *again);
  EXPECT_EQ((*again)->id, (*ua)->id);
}

}  // namespace
}  // namespace gb::test
