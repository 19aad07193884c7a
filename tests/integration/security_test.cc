// Secrets never reach output: a full successful run (PostgreSQL over TLS with
// sslmode=verify-full and a password, OAuth tokens, the client secret, `run
// --http` serving) and failing runs (a bad database password, an expired token
// whose refresh is refused) are run with known secret values, and everything
// they produce is searched for them: stdout, stderr, the --progress json
// events, the page, /status.json and /metrics, `watch --json`, every table of
// the destination (pg_dump, sqlite3 .dump), the process name and command line.
// The token file itself is the one place a token may be written.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "integration/loader_checks.h"
#include "integration/loader_process.h"
#include "support/pg_server.h"
#include "support/sim_process.h"
#include "support/temp_dir.h"

namespace gb::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kDbUser = "gb_loader";
constexpr const char* kDbPassword = "PgPassw0rdSecret7731";
constexpr const char* kWrongDbPassword = "WrongPassw0rdSecret9902";
constexpr const char* kWrongClientSecret = "WrongClientSecretValue4417";

// Output of a shell command (stdout and stderr).
std::string Shell(const std::string& command, const TempDir& dir) {
  const std::string out = dir.File("shell.out");
  std::system((command + " >" + out + " 2>&1").c_str());
  return ReadFile(out);
}

class SecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new PgServer(PgServerOptions{.test_ca = true});
    if (!server_->ok()) return;
    // The loader's role logs in with a password (scram), over TLS or not;
    // every other local connection stays trusted (the test's own queries).
    const std::string hba = server_->dir() + "/data/pg_hba.conf";
    const std::string rest = ReadFile(hba);
    std::ofstream(hba, std::ios::trunc) << "host all " << kDbUser << " 127.0.0.1/32 scram-sha-256\n"
                                        << rest;
    server_->Exec(std::string("CREATE ROLE ") + kDbUser + " LOGIN PASSWORD '" + kDbPassword + "'");
    server_->Exec(std::string("CREATE DATABASE gbsec OWNER ") + kDbUser);
    server_->Exec("SELECT pg_reload_conf()");
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(server_->ok()) << server_->error();
    token_file_ = dir_.File("token.json");
    sim_ = std::make_unique<SimProcess>(std::vector<std::string>{
        "--scale", "0.02", "--latency-ms", "150", "--token-file", token_file_});
    ASSERT_TRUE(sim_->ok());
    auto token = nlohmann::json::parse(ReadFile(token_file_));
    secrets_ = {token.value("access_token", ""),
                token.value("refresh_token", ""),
                sim_->client_secret(),
                kDbPassword,
                kWrongDbPassword,
                kWrongClientSecret};
  }

  std::string DbUrl(const std::string& password) const {
    return "postgresql://" + std::string(kDbUser) + ":" + password +
           "@127.0.0.1:" + std::to_string(server_->port()) +
           "/gbsec?sslmode=verify-full&sslrootcert=" + server_->ca_file();
  }

  // Secrets come from the environment and the token file, never the command line.
  std::map<std::string, std::string> Env(const std::string& client_secret,
                                         const std::string& db_url = "") const {
    std::map<std::string, std::string> env = {{"GAZELLE_CLIENT_ID", sim_->client_id()},
                                              {"GAZELLE_CLIENT_SECRET", client_secret}};
    if (!db_url.empty()) env["DATABASE_URL"] = db_url;
    return env;
  }

  std::vector<std::string> RunArgs(const std::string& years,
                                   std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"run",     "--api", sim_->url(),  "--token-file", token_file_,
                                     "--years", years,   "--progress", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  // Every secret, whole or its first 10 characters, is absent from `text`.
  void ExpectNoSecret(const std::string& what, const std::string& text) {
    EXPECT_FALSE(text.empty()) << what << " is empty: nothing was checked";
    for (const std::string& secret : secrets_) {
      ASSERT_GE(secret.size(), 10u);
      EXPECT_EQ(text.find(secret.substr(0, 10)), std::string::npos)
          << what << " shows a secret (" << secret.substr(0, 3) << "…):\n"
          << text.substr(0, 4000);
    }
  }

  // The page, /status.json and /metrics of `run --http`, once rows are committed.
  void CheckHttp(LoaderProcess& run) {
    std::smatch m;
    std::string out;
    static const std::regex page(R"(Dashboard page: http://127\.0\.0\.1:([0-9]+)/)");
    for (auto end = std::chrono::steady_clock::now() + 60s;
         !std::regex_search(out = run.Output(), m, page) &&
         std::chrono::steady_clock::now() < end;) {
      std::this_thread::sleep_for(50ms);
    }
    ASSERT_TRUE(m.size() > 1) << out;
    httplib::Client client("127.0.0.1", std::stoi(m[1]));
    client.set_read_timeout(10, 0);
    for (const char* path : {"/", "/status.json", "/metrics"}) {
      auto res = client.Get(path);
      ASSERT_TRUE(res) << path;
      ExpectNoSecret(std::string("GET ") + path, res->body);
    }
    const std::string proc = "/proc/" + std::to_string(run.pid());
    ExpectNoSecret("the process name", ReadFile(proc + "/comm"));
    ExpectNoSecret("the command line", ReadFile(proc + "/cmdline"));
  }

  std::string DumpPostgres() {
    const std::string file = dir_.File("pg.sql");
    std::system(("/usr/lib/postgresql/15/bin/pg_dump --data-only -h 127.0.0.1 -p " +
                 std::to_string(server_->port()) + " -U postgres gbsec >" + file)
                    .c_str());
    return ReadFile(file);
  }

  static PgServer* server_;
  TempDir dir_{"gb-security-"};
  std::unique_ptr<SimProcess> sim_;
  std::string token_file_;
  std::vector<std::string> secrets_;
};

PgServer* SecurityTest::server_ = nullptr;

TEST_F(SecurityTest, SuccessfulRunOverVerifiedTlsShowsNoSecret) {
  LoaderProcess run(RunArgs("2023-2024", {"--http", "127.0.0.1:0"}),
                    Env(sim_->client_secret(), DbUrl(kDbPassword)), dir_.path());
  CheckHttp(run);
  ChildExit end = run.Wait(240s);
  ASSERT_EQ(end.exit_code, 0) << end.output;
  EXPECT_NE(end.output.find("\"event\""), std::string::npos) << "json events expected";
  ExpectNoSecret("run output and json events", end.output);
  const std::string dump = DumpPostgres();
  EXPECT_NE(dump.find("gb_runs"), std::string::npos) << dump.substr(0, 2000);
  ExpectNoSecret("the destination (pg_dump)", dump);
  // The same destination seen by `watch` (its URL carries the password).
  ChildExit watch = RunLoader({"watch", "--json", "--once"}, {{"DATABASE_URL", DbUrl(kDbPassword)}},
                              dir_.path(), 60s);
  EXPECT_EQ(watch.exit_code, 0) << watch.output;
  ExpectNoSecret("watch --json --once", watch.output);
  // A refreshed token, if any, was written to the token file only.
  auto token = nlohmann::json::parse(ReadFile(token_file_));
  secrets_.push_back(token["access_token"].get<std::string>());
  ExpectNoSecret("run output (refreshed token)", end.output);
}

TEST_F(SecurityTest, SqliteBookkeepingShowsNoSecret) {
  const std::string db = "sqlite:" + dir_.File("dest.db");
  ChildExit end =
      RunLoader(RunArgs("2024", {"--db", db}), Env(sim_->client_secret()), dir_.path(), 240s);
  ASSERT_EQ(end.exit_code, 0) << end.output;
  ExpectNoSecret("run output", end.output);
  ExpectNoSecret("the destination (sqlite3 .dump)",
                 Shell("sqlite3 " + dir_.File("dest.db") + " .dump", dir_));
}

TEST_F(SecurityTest, BadDatabasePasswordFailsWithoutShowingIt) {
  ChildExit end = RunLoader(RunArgs("2024", {"--http", "127.0.0.1:0"}),
                            Env(sim_->client_secret(), DbUrl(kWrongDbPassword)), dir_.path(), 120s);
  EXPECT_NE(end.exit_code, 0) << end.output;
  EXPECT_NE(end.output.find("password authentication failed"), std::string::npos) << end.output;
  ExpectNoSecret("the failing run's output", end.output);
}

TEST_F(SecurityTest, ExpiredTokenWithRefusedRefreshFailsWithoutShowingSecrets) {
  ASSERT_TRUE(sim_->ExpireTokens());
  ChildExit end = RunLoader(RunArgs("2024", {"--db", "sqlite:" + dir_.File("dest.db")}),
                            Env(kWrongClientSecret), dir_.path(), 120s);
  EXPECT_EQ(end.exit_code, 5) << end.output;  // authentication failed
  EXPECT_NE(end.output.find("refresh"), std::string::npos) << end.output;
  ExpectNoSecret("the failing run's output", end.output);
  if (std::filesystem::exists(dir_.File("dest.db"))) {
    ExpectNoSecret("the destination (sqlite3 .dump)",
                   Shell("sqlite3 " + dir_.File("dest.db") + " .dump", dir_));
  }
}

}  // namespace
}  // namespace gb::test
