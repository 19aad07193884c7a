// Shared by the `token login` tests: the in-process simulator, the real
// binary running `token login` as a child, the authorize URL read from what
// it prints, and the checks of the token file it leaves (mode, exact format,
// the token accepted by the simulator's GraphQL endpoint, no secret printed).
//
// Header-only: tests/CMakeLists.txt builds only tests/integration/*_test.cc.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "integration/loader_process.h"
#include "integration/verify_test_support.h"
#include "support/temp_dir.h"

namespace gb::test {

class LoginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_ = StartSmallSim();
    token_path_ = dir_.File("config/token.json");
  }

  std::map<std::string, std::string> ClientEnv(const std::string& secret = "") const {
    return {{"GAZELLE_CLIENT_ID", sim_->credentials().client_id},
            {"GAZELLE_CLIENT_SECRET", secret.empty() ? sim_->credentials().client_secret : secret}};
  }

  // `token login` against the simulator, any free loopback port, in dir_.
  std::unique_ptr<LoaderProcess> StartLogin(const std::map<std::string, std::string>& env,
                                            std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"token",        "login",     "--api",  sim_->BaseUrl(),
                                     "--token-file", token_path_, "--port", "0"};
    if (std::find(extra.begin(), extra.end(), "--timeout") == extra.end()) {
      extra.insert(extra.end(), {"--timeout", "120"});
    }
    args.insert(args.end(), extra.begin(), extra.end());
    return std::make_unique<LoaderProcess>(args, env, dir_.path());
  }

  // The authorize URL the command prints (empty after 30 s without one).
  static std::string AuthorizeUrl(LoaderProcess& login) {
    static const std::regex url(
        R"(\n  (http://127\.0\.0\.1:[0-9]+/developer/oauth/authorize\?\S+))");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      std::smatch m;
      std::string out = login.Output();
      if (std::regex_search(out, m, url)) return m[1];
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "no authorize URL printed:\n" << login.Output();
    return {};
  }

  // The decoded query of a URL.
  static std::multimap<std::string, std::string> Query(const std::string& url) {
    std::multimap<std::string, std::string> query;
    httplib::detail::parse_query_text(url.substr(url.find('?') + 1), query);
    return query;
  }

  nlohmann::json TokenFile() const {
    std::ifstream in(token_path_);
    return nlohmann::json::parse(in, nullptr, false);
  }

  bool TokenFileExists() const {
    struct stat st {};
    return stat(token_path_.c_str(), &st) == 0;
  }

  // Mode 0600, exactly {access_token, refresh_token, expires_in, created_at},
  // no temporary file beside it, and the token works on the GraphQL endpoint.
  void ExpectWorkingTokenFile() {
    struct stat st {};
    ASSERT_EQ(stat(token_path_.c_str(), &st), 0) << token_path_;
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    nlohmann::json j = TokenFile();
    ASSERT_TRUE(j.is_object());
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"access_token", "created_at", "expires_in",
                                              "refresh_token"}));
    EXPECT_EQ(j["expires_in"], 7200);
    EXPECT_NEAR(j["created_at"].get<double>(), static_cast<double>(time(nullptr)), 60);
    EXPECT_TRUE(j["access_token"].get<std::string>().starts_with("sim_at_"));
    EXPECT_TRUE(j["refresh_token"].get<std::string>().starts_with("sim_rt_"));
    int files = 0;
    for ([[maybe_unused]] const auto& e :
         std::filesystem::directory_iterator(dir_.File("config"))) {
      ++files;
    }
    EXPECT_EQ(files, 1) << "a temporary file was left beside the token";
    httplib::Client client(sim_->BaseUrl());
    httplib::Headers auth = {{"Authorization", "Bearer " + j["access_token"].get<std::string>()}};
    auto answer = client.Post("/graphql/private/", auth,
                              R"({"query":"{ allTimelineEntries(first: 1) { totalCount } }"})",
                              "application/json");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 200) << answer->body;
    EXPECT_NE(answer->body.find("totalCount"), std::string::npos) << answer->body;
  }

  // No secret in what the command printed: the client secret, the code, the tokens.
  void ExpectNoSecret(const std::string& output, const std::string& code = "") const {
    std::vector<std::string> secrets = {sim_->credentials().client_secret};
    if (!code.empty()) secrets.push_back(code);
    nlohmann::json j = TokenFile();
    if (j.is_object()) {
      secrets.push_back(j["access_token"]);
      secrets.push_back(j["refresh_token"]);
    }
    for (const std::string& s : secrets) {
      EXPECT_EQ(output.find(s), std::string::npos) << "secret printed:\n" << output;
    }
  }

  TempDir dir_{"gb-login-"};
  std::unique_ptr<sim::SimServer> sim_;
  std::string token_path_;
};

}  // namespace gb::test
