// `token status | refresh` end to end: the text in each state (valid,
// expired, refreshable or not, API key, file readable by others), never the
// secret itself, and a refresh against the simulator's OAuth endpoint that
// rewrites the file atomically with mode 0600.
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/exit_code.h"
#include "integration/verify_test_support.h"
#include "support/temp_dir.h"

namespace gb::test {
namespace {

class TokenCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_ = StartSmallSim();
    path_ = dir_.File("token.json");
    ASSERT_TRUE(sim_->WriteTokenFile(path_));
  }

  std::map<std::string, std::string> ClientEnv() const {
    return {{"GAZELLE_CLIENT_ID", sim_->credentials().client_id},
            {"GAZELLE_CLIENT_SECRET", sim_->credentials().client_secret}};
  }

  CliResult Status(const std::map<std::string, std::string>& env) {
    return RunCli("token status --token-file " + path_, env, dir_.path());
  }

  nlohmann::json File() const {
    std::ifstream in(path_);
    return nlohmann::json::parse(in, nullptr, false);
  }

  void WriteToken(int64_t created_at, int64_t expires_in, bool with_refresh) {
    nlohmann::json j = {{"access_token", "at-secret-1234567890"},
                        {"expires_in", expires_in},
                        {"created_at", created_at}};
    if (with_refresh) j["refresh_token"] = "rt-secret-0987654321";
    std::ofstream(path_) << j.dump();
    chmod(path_.c_str(), 0600);
  }

  // No secret of the token file or of the client may appear.
  void ExpectNoSecret(const CliResult& r) {
    for (const std::string& secret :
         {sim_->credentials().access_token, sim_->credentials().refresh_token,
          sim_->credentials().client_secret, std::string("at-secret-1234567890"),
          std::string("rt-secret-0987654321")}) {
      EXPECT_EQ(r.output.find(secret), std::string::npos) << r.output;
    }
  }

  // A fresh token read within the second it was issued shows its full 2 hours.
  static bool FreshlyIssued(const std::string& out) {
    return out.find("expires in 1h 59m") != std::string::npos ||
           out.find("expires in 2h 00m") != std::string::npos;
  }

  static int64_t Now() { return static_cast<int64_t>(time(nullptr)); }

  TempDir dir_;
  std::unique_ptr<sim::SimServer> sim_;
  std::string path_;
};

TEST_F(TokenCliTest, FreshTokenWithClientCanBeRefreshed) {
  CliResult r = Status(ClientEnv());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Credential: OAuth token file"), std::string::npos) << r.output;
  EXPECT_TRUE(FreshlyIssued(r.output)) << r.output;
  EXPECT_NE(r.output.find("Refresh: possible"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("File mode: 0600"), std::string::npos) << r.output;
  ExpectNoSecret(r);
}

TEST_F(TokenCliTest, WithoutClientCredentialsRefreshIsNotPossible) {
  CliResult r = Status({});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Refresh: not possible, GAZELLE_CLIENT_ID"), std::string::npos)
      << r.output;
  ExpectNoSecret(r);
}

TEST_F(TokenCliTest, ExpiredDaysAgo) {
  WriteToken(Now() - 3 * 86400 - 7200 - 60, 7200, true);
  CliResult refreshable = Status(ClientEnv());
  EXPECT_EQ(refreshable.exit_code, 0) << refreshable.output;
  EXPECT_NE(refreshable.output.find("expired 3 days ago"), std::string::npos) << refreshable.output;
  ExpectNoSecret(refreshable);
  CliResult stuck = Status({});
  EXPECT_EQ(stuck.exit_code, ToInt(ExitCode::kAuth)) << stuck.output;
  ExpectNoSecret(stuck);
}

TEST_F(TokenCliTest, ExpiresSoonAndNoRefreshToken) {
  WriteToken(Now() - 7200 + 4330, 7200, false);
  CliResult r = Status(ClientEnv());
  EXPECT_NE(r.output.find("expires in 1h 12m"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("no refresh token"), std::string::npos) << r.output;
  ExpectNoSecret(r);
}

TEST_F(TokenCliTest, FileReadableByOthersIsWarned) {
  chmod(path_.c_str(), 0644);
  CliResult r = Status(ClientEnv());
  EXPECT_NE(r.output.find("mode 0644"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("chmod 600"), std::string::npos) << r.output;
  ExpectNoSecret(r);
}

TEST_F(TokenCliTest, ApiKeyIsNamedNotShown) {
  CliResult r = Status({{"GAZELLE_API_KEY", sim_->credentials().api_key}});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Credential: API key"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(sim_->credentials().api_key), std::string::npos) << r.output;
}

TEST_F(TokenCliTest, MissingFileIsAnAuthError) {
  CliResult r = RunCli("token status --token-file " + dir_.File("none.json"), {}, dir_.path());
  EXPECT_EQ(r.exit_code, ToInt(ExitCode::kAuth)) << r.output;
}

TEST_F(TokenCliTest, RefreshAgainstTheSimulatorRewritesTheFile) {
  const std::string before = File()["access_token"];
  auto env = ClientEnv();
  CliResult r =
      RunCli("token refresh --token-file " + path_ + " --api " + sim_->BaseUrl(), env, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Token refreshed and saved"), std::string::npos) << r.output;
  EXPECT_TRUE(FreshlyIssued(r.output)) << r.output;
  nlohmann::json after = File();
  ASSERT_TRUE(after.is_object());
  EXPECT_NE(after["access_token"], before);
  EXPECT_EQ(r.output.find(after["access_token"].get<std::string>()), std::string::npos);
  ExpectNoSecret(r);
  struct stat st {};
  ASSERT_EQ(stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(sim_->stats().token_refreshes, 1);
  // Without the client secret the refresh is refused, and says why.
  CliResult refused =
      RunCli("token refresh --token-file " + path_ + " --api " + sim_->BaseUrl(), {}, dir_.path());
  EXPECT_EQ(refused.exit_code, ToInt(ExitCode::kAuth)) << refused.output;
  EXPECT_NE(refused.output.find("GAZELLE_CLIENT_SECRET"), std::string::npos) << refused.output;
}

// The business's old tools wrote a short API key into the token file, marked
// by refresh_token "manual_override": it is an API key, not an OAuth token.
TEST_F(TokenCliTest, ApiKeyInTheTokenFileIsUsedAsAnApiKey) {
  const std::string key = sim_->credentials().api_key;
  std::ofstream(path_) << nlohmann::json{
      {"access_token", key},
      {"refresh_token", "manual_override"},
      {"expires_in", 7200},
      {"created_at",
       Now() - 30 * 86400}}.dump();
  chmod(path_.c_str(), 0600);
  CliResult status = Status(ClientEnv());
  EXPECT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("Credential: API key from the token file"), std::string::npos)
      << status.output;
  EXPECT_EQ(status.output.find("expired"), std::string::npos) << status.output;
  EXPECT_EQ(status.output.find(key), std::string::npos) << status.output;
  CliResult refresh = RunCli("token refresh --token-file " + path_ + " --api " + sim_->BaseUrl(),
                             ClientEnv(), dir_.path());
  EXPECT_EQ(refresh.exit_code, 0) << refresh.output;
  EXPECT_NE(refresh.output.find("Nothing to refresh"), std::string::npos) << refresh.output;
  EXPECT_EQ(refresh.output.find(key), std::string::npos) << refresh.output;
  EXPECT_EQ(sim_->stats().token_refreshes, 0);
  EXPECT_EQ(File()["access_token"], key);  // the file is left as it was
  // A run sends it as x-gazelle-api-key (a Bearer would be refused with 401).
  CliResult run = RunCli("run --years 2024 --progress quiet --db sqlite:" + dir_.File("k.db") +
                             " --token-file " + path_ + " --api " + sim_->BaseUrl(),
                         {}, dir_.path());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(sim_->stats().unauthorized, 0);
  EXPECT_GT(sim_->stats().graphql_requests, 0);
  EXPECT_EQ(run.output.find(key), std::string::npos) << run.output;
}

}  // namespace
}  // namespace gb::test
