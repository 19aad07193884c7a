// The simulator over HTTP: auth, OAuth refresh, API key, the admin endpoint and every fault switch.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "core/clock.h"
#include "sim_test_util.h"
#include "support/temp_dir.h"

namespace gb::sim {
namespace {

using testing::json;
using testing::PostGraphql;

const std::string kCount =
    testing::Body("{ allTimelineEntries(first: 1) { totalCount nodes { id } } }");

class SimHttpTest : public ::testing::Test {
 protected:
  void StartSim(SimOptions o = {}) {
    o.scale = 0.01;
    o.access_token_ttl_s = 100;
    sim_ = std::make_unique<SimServer>(o, &clock_);
    ASSERT_TRUE(sim_->Start());
    token_ = sim_->credentials().access_token;
  }
  httplib::Result Ask(const std::string& token = "") {
    return PostGraphql(*sim_, kCount, token.empty() ? token_ : token);
  }
  httplib::Result Refresh(const std::string& refresh_token, const std::string& secret = "") {
    httplib::Client client(sim_->BaseUrl());
    httplib::Params form = {
        {"grant_type", "refresh_token"},
        {"client_id", sim_->credentials().client_id},
        {"client_secret", secret.empty() ? sim_->credentials().client_secret : secret},
        {"refresh_token", refresh_token}};
    return client.Post("/developer/oauth/token", form);
  }
  httplib::Result Admin(const std::string& path, const std::string& body = "") {
    httplib::Client client(sim_->BaseUrl());
    return body.empty() && path == "/admin/stats" ? client.Get(path)
                                                  : client.Post(path, body, "application/json");
  }

  FakeClock clock_;
  std::unique_ptr<SimServer> sim_;
  std::string token_;
};

TEST_F(SimHttpTest, BearerTokenMissingWrongOrExpiredGets401) {
  StartSim();
  auto ok = Ask();
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_TRUE(json::parse(ok->body)["data"]["allTimelineEntries"]["totalCount"].get<int64_t>() > 0);
  EXPECT_EQ(PostGraphql(*sim_, kCount, "")->status, 401);
  EXPECT_EQ(Ask("sim_at_wrong")->status, 401);
  clock_.Advance(std::chrono::seconds(101));
  auto expired = Ask();
  EXPECT_EQ(expired->status, 401);
  EXPECT_NE(expired->get_header_value("WWW-Authenticate").find("invalid_token"), std::string::npos);
  EXPECT_EQ(sim_->stats().unauthorized, 3);
}

TEST_F(SimHttpTest, RefreshIssuesTokensAndRotatesTheRefreshToken) {
  StartSim();
  std::string old_refresh = sim_->credentials().refresh_token;
  clock_.Advance(std::chrono::seconds(500));
  auto res = Refresh(old_refresh);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json t = json::parse(res->body);
  EXPECT_EQ(t["expires_in"], 100);
  EXPECT_EQ(t["token_type"], "Bearer");
  EXPECT_EQ(t["created_at"].get<int64_t>(), 1732000500);
  EXPECT_EQ(Ask(t["access_token"])->status, 200);
  // The new access token is in use: the old refresh token is spent.
  EXPECT_EQ(Refresh(old_refresh)->status, 400);
  EXPECT_EQ(Refresh(t["refresh_token"], "wrong-secret")->status, 401);
  EXPECT_EQ(Refresh(t["refresh_token"])->status, 200);
  EXPECT_EQ(sim_->stats().token_refreshes, 2);
}

TEST_F(SimHttpTest, ApiKeyMode) {
  StartSim();
  httplib::Client client(sim_->BaseUrl());
  auto ok = client.Post("/graphql/private/", {{"x-gazelle-api-key", sim_->credentials().api_key}},
                        kCount, "application/json");
  EXPECT_EQ(ok->status, 200);
  auto bad =
      client.Post("/graphql/private/", {{"x-gazelle-api-key", "nope"}}, kCount, "application/json");
  EXPECT_EQ(bad->status, 401);
}

TEST_F(SimHttpTest, ExpireTokensNowFromTheAdminEndpointAndAtStart) {
  StartSim();
  EXPECT_EQ(Ask()->status, 200);
  EXPECT_EQ(Admin("/admin/faults", R"({"expire_tokens_now": true})")->status, 200);
  EXPECT_EQ(Ask()->status, 401);
  EXPECT_EQ(Refresh(sim_->credentials().refresh_token)->status, 200);

  SimOptions expired;
  expired.faults.expire_tokens_now = true;
  StartSim(expired);
  EXPECT_EQ(Ask()->status, 401);
}

TEST_F(SimHttpTest, NonJsonBodyIs400OverHttp) {
  StartSim();
  EXPECT_EQ(PostGraphql(*sim_, "not json", token_)->status, 400);
}

TEST_F(SimHttpTest, Error5xxShareSwitchesOnAndOff) {
  StartSim();
  sim_->SetFaults({.error_5xx_share = 1.0});
  for (int i = 0; i < 5; ++i) {
    int status = Ask()->status;
    EXPECT_TRUE(status == 500 || status == 502 || status == 503) << status;
  }
  EXPECT_EQ(Admin("/admin/faults", R"({"error_5xx_share": 0})")->status, 200);
  EXPECT_EQ(Ask()->status, 200);
  EXPECT_EQ(sim_->stats().errors_5xx, 5);
}

TEST_F(SimHttpTest, RateLimitAnswers429WithRetryAfter) {
  SimOptions o;
  o.faults.rps_limit = 2;
  StartSim(o);
  EXPECT_EQ(Ask()->status, 200);
  EXPECT_EQ(Ask()->status, 200);
  auto limited = Ask();
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("Retry-After"), "1");
  clock_.Advance(std::chrono::seconds(1));  // the bucket refills with time
  EXPECT_EQ(Ask()->status, 200);
  EXPECT_EQ(json::parse(Admin("/admin/stats")->body)["rate_limited"], 1);
}

TEST_F(SimHttpTest, HungRequestsGetNoTimelyAnswer) {
  StartSim();
  sim_->SetFaults({.hang_share = 1.0, .hang_ms = 30000});
  httplib::Client client(sim_->BaseUrl());
  client.set_read_timeout(0, 200000);
  auto res = client.Post("/graphql/private/", {{"Authorization", "Bearer " + token_}}, kCount,
                         "application/json");
  EXPECT_FALSE(res);  // the client's timeout fired: nothing came back
  EXPECT_EQ(sim_->stats().hangs, 1);
  sim_->SetFaults({});
  EXPECT_EQ(Ask()->status, 200);
}

TEST_F(SimHttpTest, TruncatedAndGarbledBodies) {
  StartSim();
  sim_->SetFaults({.truncate_share = 1.0});
  auto cut = Ask();
  EXPECT_TRUE(!cut || !json::accept(cut->body));
  sim_->SetFaults({.garble_share = 1.0});
  auto garbled = Ask();
  ASSERT_TRUE(garbled);
  EXPECT_EQ(garbled->status, 200);
  EXPECT_FALSE(json::accept(garbled->body));
  EXPECT_EQ(sim_->stats().truncated, 1);
  EXPECT_EQ(sim_->stats().garbled, 1);
}

TEST_F(SimHttpTest, LatencyStillAnswersCorrectly) {
  StartSim();
  sim_->SetFaults({.latency_ms = 20, .latency_jitter_ms = 10});
  auto res = Ask();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(json::accept(res->body));
  EXPECT_EQ(sim_->faults().latency_ms, 20);
}

TEST_F(SimHttpTest, NewEntriesArriveAtTheConfiguredRate) {
  StartSim();
  int64_t before = json::parse(Ask()->body)["data"]["allTimelineEntries"]["totalCount"];
  EXPECT_EQ(Admin("/admin/faults", R"({"new_entries_per_second": 10})")->status, 200);
  clock_.Advance(std::chrono::seconds(2));
  int64_t after = json::parse(Ask()->body)["data"]["allTimelineEntries"]["totalCount"];
  EXPECT_EQ(after, before + 20);
  EXPECT_EQ(Admin("/admin/add-entries", R"({"count": 5})")->status, 200);
  EXPECT_EQ(json::parse(Ask()->body)["data"]["allTimelineEntries"]["totalCount"].get<int64_t>(),
            before + 25);
}

TEST_F(SimHttpTest, AdminFaultsRoundTripAndRejectUnknownKeys) {
  StartSim();
  EXPECT_EQ(Admin("/admin/faults", R"({"latency_ms": 5, "rps_limit": 10.5})")->status, 200);
  httplib::Client client(sim_->BaseUrl());
  json faults = json::parse(client.Get("/admin/faults")->body);
  EXPECT_EQ(faults["latency_ms"], 5);
  EXPECT_EQ(faults["rps_limit"], 10.5);
  EXPECT_EQ(Admin("/admin/faults", R"({"latency": 5})")->status, 400);
  EXPECT_EQ(Admin("/admin/faults", R"({"latency_ms": "slow"})")->status, 400);
  EXPECT_EQ(Admin("/admin/faults", "not json")->status, 400);
}

TEST_F(SimHttpTest, TokenFileIsReadyAndPrivate) {
  StartSim();
  test::TempDir dir;
  std::string path = dir.File("token.json");
  ASSERT_TRUE(sim_->WriteTokenFile(path));
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  std::ifstream in(path);
  json t = json::parse(in);
  EXPECT_EQ(t["access_token"], token_);
  EXPECT_EQ(t["expires_in"], 100);
  EXPECT_EQ(t["created_at"], 1732000000);
  EXPECT_TRUE(t.contains("refresh_token"));
}

}  // namespace
}  // namespace gb::sim
