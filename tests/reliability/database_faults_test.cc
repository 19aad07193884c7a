// The destination PostgreSQL misbehaving mid-run: restarted, unreachable for
// a while (5 s fast, 30 s full), statements cancelled by a statement timeout,
// and pgbouncer killed (every connection dropped) then started again.
#include <signal.h>

#include <fstream>

#include "reliability/reliability_fixture.h"

namespace gb::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPgBin = "/usr/lib/postgresql/15/bin/";

int Shell(const std::string& command) { return std::system(command.c_str()); }

class DatabaseFaultsTest : public ReliabilityTest {
 protected:
  std::string AsPostgres(const std::string& command) const {
    return "runuser -u postgres -- " + command + " >>" + server().dir() + "/fault.log 2>&1";
  }
  // The shared test server runs with synchronous_commit off (speed): a commit
  // it acknowledged may not be written yet when the cluster is killed, which
  // a real server (on by default) never does. The faults that kill the
  // cluster run on a database with it on, so an acknowledged commit is kept.
  void DurableCommits() {
    ASSERT_TRUE(server().Exec("ALTER DATABASE \"" + db() + "\" SET synchronous_commit = on"));
  }
  // The cluster stopped the hard way (like a crash or a network cut) and
  // started again on the same port later.
  int StopCluster() {
    return Shell(AsPostgres(std::string(kPgBin) + "pg_ctl -D " + server().dir() +
                            "/data -m immediate -w stop"));
  }
  int StartCluster() {
    return Shell(AsPostgres(std::string(kPgBin) + "pg_ctl -D " + server().dir() + "/data -l " +
                            server().dir() + "/postgres.log -w -t 60 -o '-p " +
                            std::to_string(server().port()) + "' start"));
  }
  pid_t BouncerPid() const {
    std::ifstream in(server().dir() + "/pgbouncer.pid");
    long pid = 0;
    in >> pid;
    return static_cast<pid_t>(pid);
  }
  PgServer& server() const { return PgServer::Shared(); }
};

class DatabaseFaultsTestFull : public DatabaseFaultsTest,
                               public ::testing::WithParamInterface<int> {};

TEST_F(DatabaseFaultsTest, PostgresRestartedMidRun) {
  DurableCommits();
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  auto child = StartMidRun(args);
  ASSERT_TRUE(child);
  ASSERT_TRUE(server().Restart());
  // After the restart the loader reconnects and commits again.
  const int64_t after = Committed(db);
  const std::string watch = TimeForWatch(url(), [&](int code, const std::string& line) {
    return code == 0 && line.starts_with("running") && Committed(db) > after;
  });
  int runs = 1;
  const bool ended = FinishWithReruns(*child, args, &runs);
  Record("PostgreSQL restarted mid-run", db, runs, ended, watch + " [running again]");
}

TEST_F(DatabaseFaultsTest, PostgresUnreachableForAWhile) {
  DurableCommits();
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  const auto outage = FullMatrix() ? 30s : 5s;
  auto child = StartMidRun(args);
  ASSERT_TRUE(child);
  const auto down_at = std::chrono::steady_clock::now();
  ASSERT_EQ(StopCluster(), 0);
  const std::string watch = TimeForWatch(url(), IsUnreachable, 10s);
  std::this_thread::sleep_for(outage - (std::chrono::steady_clock::now() - down_at));
  ASSERT_EQ(StartCluster(), 0);
  int runs = 1;
  const bool ended = FinishWithReruns(*child, args, &runs);
  Record(fmt::format("PostgreSQL unreachable for {} s", outage.count()), db, runs, ended, watch);
}

// Every statement of the loader cancelled (SQLSTATE 57014) for a few seconds:
// the database's statement_timeout set to 1 ms and its sessions cut so they
// reconnect with it. watch connects with statement_timeout=0 of its own.
TEST_P(DatabaseFaultsTestFull, StatementTimeout) {
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  auto child = StartMidRun(args);
  ASSERT_TRUE(child);
  const std::string cut =
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" +
      this->db() + "' AND pid <> pg_backend_pid()";
  ASSERT_TRUE(server().Exec("ALTER DATABASE \"" + this->db() + "\" SET statement_timeout = 1"));
  ASSERT_TRUE(server().QueryValue(cut));
  // Its heartbeats time out too: watch says why, or that it went quiet.
  const std::string watch = TimeForWatch(
      url() + "?options=-c%20statement_timeout%3D0",
      [](int code, const std::string& line) {
        return line.find("statement timeout") != std::string::npos || IsStalled(code, line);
      },
      15s);
  ASSERT_TRUE(server().Exec("ALTER DATABASE \"" + this->db() + "\" RESET statement_timeout"));
  ASSERT_TRUE(server().QueryValue(cut));
  int runs = 1;
  const bool ended = FinishWithReruns(*child, args, &runs);
  Record("statement timeout (57014) for a few seconds", db, runs, ended, watch);
}

// The loader goes through pgbouncer (transaction pooling); pgbouncer is
// killed, so every client connection drops, and started again 3 s later.
TEST_F(DatabaseFaultsTest, PgbouncerDropsTheConnections) {
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(bouncer_url());
  auto child = StartMidRun(args);
  ASSERT_TRUE(child);
  const pid_t bouncer = BouncerPid();
  ASSERT_GT(bouncer, 0);
  ASSERT_EQ(kill(bouncer, SIGKILL), 0);
  const auto down_at = std::chrono::steady_clock::now();
  const std::string watch = TimeForWatch(bouncer_url(), IsUnreachable, 10s);
  std::this_thread::sleep_for(3s - (std::chrono::steady_clock::now() - down_at));
  ASSERT_EQ(Shell(AsPostgres("/usr/sbin/pgbouncer -d -q " + server().dir() + "/pgbouncer.ini")), 0);
  int runs = 1;
  const bool ended = FinishWithReruns(*child, args, &runs);
  Record("pgbouncer killed (connections dropped)", db, runs, ended, watch);
}

// Full matrix only (GB_RELIABILITY=full): these faults are also covered by
// tests/integration, or take long.
INSTANTIATE_TEST_SUITE_P(Full, DatabaseFaultsTestFull, ::testing::ValuesIn(FullOnly()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(DatabaseFaultsTestFull);

}  // namespace
}  // namespace gb::test
