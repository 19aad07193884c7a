// The real binary: `gazelle-backfill sim` as a child process, and `sim dump`.
#include "support/sim_process.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/temp_dir.h"

namespace gb::test {
namespace {

using json = nlohmann::json;

const char* kAllFields =
    "{ allTimelineEntries(first: 1) { nodes { id occurredAt type summary comment client { id } "
    "piano { id } user { id } invoice { id } estimate { id } } } }";

httplib::Result Post(const SimProcess& sim, const std::string& token) {
  httplib::Client client(sim.url());
  client.set_read_timeout(10, 0);
  return client.Post("/graphql/private/", {{"Authorization", "Bearer " + token}},
                     json{{"query", kAllFields}}.dump(), "application/json");
}

TEST(SimProcessTest, ServesWithATokenFileAndSwitchesFaultsWhileRunning) {
  TempDir dir;
  std::string token_file = dir.File("token.json");
  SimProcess sim({"--seed", "42", "--scale", "0.01", "--token-file", token_file});
  ASSERT_TRUE(sim.ok());
  EXPECT_TRUE(sim.url().starts_with("http://127.0.0.1:"));
  EXPECT_GT(sim.port(), 0);
  EXPECT_EQ(sim.client_id(), "sim-client-id");
  EXPECT_FALSE(sim.client_secret().empty());
  struct stat st {};
  ASSERT_EQ(stat(token_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  std::ifstream in(token_file);
  std::string token = json::parse(in)["access_token"];

  auto ok = Post(sim, token);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  ASSERT_TRUE(sim.SetFaults(R"({"error_5xx_share": 1.0})"));
  EXPECT_GE(Post(sim, token)->status, 500);
  EXPECT_EQ(sim.Stat("errors_5xx"), 1);
  ASSERT_TRUE(sim.SetFaults(R"({"error_5xx_share": 0})"));
  ASSERT_TRUE(sim.ExpireTokens());
  EXPECT_EQ(Post(sim, token)->status, 401);
  EXPECT_EQ(sim.Stat("graphql_requests"), 3);
  EXPECT_EQ(WEXITSTATUS(sim.Stop()), 0);  // SIGTERM ends it cleanly
}

TEST(SimProcessTest, DumpWritesTheSameNodesTheApiServes) {
  TempDir dir;
  std::string file = dir.File("dump.jsonl");
  std::string cmd =
      std::string(GB_BINARY) + " sim dump --jsonl " + file + " --seed 42 --scale 0.01 >/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(file);
  std::string first;  // the first entry, after the account's users (docs/dump-format.md)
  size_t users = 0, lines = 0;
  for (std::string line; std::getline(in, line);) {
    if (lines == 0 && line.starts_with(R"({"__typename":"PrivateUser")")) {
      ++users;
      continue;
    }
    if (lines++ == 0) first = line;
  }
  EXPECT_EQ(users, 4u);
  EXPECT_EQ(lines, 2824u);  // DESIGN.md's per-year totals × 0.01, rounded per year

  SimProcess sim({"--seed", "42", "--scale", "0.01", "--token-file", dir.File("t.json")});
  ASSERT_TRUE(sim.ok());
  std::ifstream t(dir.File("t.json"));
  auto res = Post(sim, json::parse(t)["access_token"]);
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body)["data"]["allTimelineEntries"]["nodes"][0], json::parse(first));
}

}  // namespace
}  // namespace gb::test
