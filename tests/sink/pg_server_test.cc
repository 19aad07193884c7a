#include "support/pg_server.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

namespace gb::test {
namespace {

TEST(PgServerTest, StartsQueriesRestartsAndCleansUp) {
  std::string dir;
  {
    PgServer server(PgServerOptions{.fsync = true, .bouncer = true});
    ASSERT_TRUE(server.ok()) << server.error();
    dir = server.dir();
    EXPECT_TRUE(std::filesystem::exists(dir + "/data/PG_VERSION"));
    ASSERT_TRUE(server.CreateDatabase("app"));
    ASSERT_TRUE(server.Exec("CREATE TABLE t(x int); INSERT INTO t VALUES (41), (1)", "app"));
    auto sum = server.QueryValue("SELECT sum(x) FROM t", "app");
    ASSERT_TRUE(sum) << sum.error().message;
    EXPECT_EQ(*sum, "42");
    EXPECT_EQ(*server.QueryValue("SHOW fsync"), "on");
    ASSERT_TRUE(server.Restart());
    EXPECT_EQ(*server.QueryValue("SELECT count(*) FROM t", "app"), "2");
    auto bad = server.Exec("SELECT * FROM missing_table", "app");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "42P01");
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(PgServerTest, SharedServerHasBouncerAndTls) {
  PgServer& s = PgServer::Shared();
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(*s.QueryValue("SHOW fsync"), "off");
  EXPECT_NE(s.bouncer_port(), 0);
  EXPECT_EQ(*s.QueryValue("SHOW ssl"), "on");
  EXPECT_EQ(*s.QueryValue("SHOW listen_addresses"), "127.0.0.1");
}

class PgDatabaseFixtureTest : public PgDatabaseTest {};

TEST_F(PgDatabaseFixtureTest, EachTestHasItsOwnDatabase) {
  EXPECT_EQ(*server().QueryValue("SELECT current_database()", db()), db());
  EXPECT_NE(url().find(db()), std::string::npos);
  EXPECT_NE(bouncer_url().find(std::to_string(server().bouncer_port())), std::string::npos);
}

TEST(TempDirTest, CreatesAndRemoves) {
  std::string path;
  {
    TempDir dir("gb-tmp-test-");
    path = dir.path();
    struct stat st {};
    ASSERT_EQ(stat(path.c_str(), &st), 0);
    EXPECT_TRUE(S_ISDIR(st.st_mode));
    std::filesystem::create_directories(dir.File("a/b"));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace gb::test
