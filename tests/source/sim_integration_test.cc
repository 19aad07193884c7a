// GazelleClient + CurlTransport + OAuth against the in-process simulator:
// a full sweep equals totalCount, with and without faults (429, 5xx, hangs,
// cut-off and garbled bodies, token expiry mid-sweep).
#include <gtest/gtest.h>

#include <set>

#include "sim/sim_server.h"
#include "source/curl_transport.h"
#include "source/gazelle_client.h"
#include "source/oauth_authenticator.h"
#include "source/recording_observer.h"
#include "source/temp_dir.h"

namespace gb {
namespace {

using std::chrono::milliseconds;

class SimIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim::SimOptions options;
    options.scale = 0.004;  // about 1,100 entries
    server_ = std::make_unique<sim::SimServer>(options);
    ASSERT_TRUE(server_->Start("127.0.0.1", 0));
    token_path_ = dir_.File("token.json");
    auto written = server_->WriteTokenFile(token_path_);
    ASSERT_TRUE(written) << written.error().message;
    store_ = std::make_unique<TokenStore>(token_path_, observer_);
    auto token = store_->Load();
    ASSERT_TRUE(token) << token.error().message;
    OAuthConfig config;
    config.base_url = server_->BaseUrl();
    config.credentials.client_id = server_->credentials().client_id;
    config.credentials.client_secret = server_->credentials().client_secret;
    auth_ = std::make_unique<OAuthAuthenticator>(config, *token, store_.get(), *transport_,
                                                 SystemClock::Instance(), observer_);
    GazelleOptions go;
    go.base_url = server_->BaseUrl();
    go.connect_timeout = milliseconds(2000);
    go.request_timeout = milliseconds(1500);  // a hung request is abandoned quickly
    go.retry.base_delay = milliseconds(10);
    go.retry.max_delay = milliseconds(200);
    go.retry.max_attempts = 30;
    auto client =
        GazelleClient::Create(go, *transport_, *auth_, SystemClock::Instance(), observer_);
    ASSERT_TRUE(client) << client.error().message;
    client_ = std::move(*client);
  }

  // Close the kept-alive connections first: the server's stop waits for them.
  void TearDown() override {
    client_.reset();
    auth_.reset();
    transport_.reset();
    server_->Stop();
  }

  // Pages newest to oldest; returns the distinct ids seen (and the count of nodes).
  std::set<std::string> Sweep(int64_t* nodes, const std::function<void(int)>& on_page = {}) {
    std::set<std::string> ids;
    PageRequest request;
    request.first = 50;
    for (int page_no = 0; page_no < 10'000; ++page_no) {
      if (on_page) on_page(page_no);
      auto page = client_->FetchPage(request);
      EXPECT_TRUE(page) << page.error().message;
      if (!page) break;
      for (auto& n : page->nodes) ids.insert(n.id);
      *nodes += static_cast<int64_t>(page->nodes.size());
      if (!page->has_next_page) break;
      request.after = page->end_cursor;
    }
    return ids;
  }

  testing::TempDir dir_;
  testing::RecordingObserver observer_;
  std::unique_ptr<sim::SimServer> server_;
  std::string token_path_;
  std::unique_ptr<TokenStore> store_;
  std::unique_ptr<CurlTransport> transport_ = std::make_unique<CurlTransport>();
  std::unique_ptr<OAuthAuthenticator> auth_;
  std::unique_ptr<GazelleClient> client_;
};

TEST_F(SimIntegrationTest, FullSweepEqualsTotalCount) {
  auto total = client_->Count({});
  ASSERT_TRUE(total) << total.error().message;
  ASSERT_GT(*total, 500);
  int64_t nodes = 0;
  auto ids = Sweep(&nodes);
  EXPECT_EQ(nodes, *total);
  EXPECT_EQ(static_cast<int64_t>(ids.size()), *total);
  auto users = client_->FetchUsers();
  ASSERT_TRUE(users) << users.error().message;
  EXPECT_FALSE(users->empty());
  // Year totals by difference of lower bounds, as the plan computes them.
  TimelineFilter from2024, from2025;
  from2024.occurred_at_get = "2024-01-01T00:00:00Z";
  from2025.occurred_at_get = "2025-01-01T00:00:00Z";
  auto a = client_->Count(from2024), b = client_->Count(from2025);
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_GT(*a - *b, 0);
}

// The plan's counts in a few aliased requests give what one request each gives.
TEST_F(SimIntegrationTest, CountsAskedTogetherMatchCountsAskedOneByOne) {
  std::vector<TimelineFilter> filters;
  for (int year = 2016; year <= 2027; ++year) {
    filters.push_back({{}, std::nullopt, std::to_string(year) + "-01-01T00:00:00Z"});
  }
  for (const char* type : {"APPOINTMENT", "INVOICE", "SYSTEM_MESSAGE", "PIANO_MEASUREMENT"}) {
    filters.push_back({{type}, std::nullopt, "2016-01-01T00:00:00Z"});
    filters.push_back({{type, "USER_COMMENT"}, std::nullopt, "2020-01-01T00:00:00Z"});
  }
  filters.push_back({{}, std::string("cli_no_such_client"), std::nullopt});
  filters.push_back({});
  filters.push_back({{"INVOICE"}, std::nullopt, "2022-01-01T00:00:00Z"});
  ASSERT_GT(filters.size(), GazelleClient::kCountsPerRequest);  // more than one request
  auto together = client_->CountEach(filters);
  ASSERT_TRUE(together) << together.error().message;
  ASSERT_EQ(together->size(), filters.size());
  for (size_t i = 0; i < filters.size(); ++i) {
    auto one = client_->Count(filters[i]);
    ASSERT_TRUE(one) << one.error().message;
    EXPECT_EQ((*together)[i], *one) << i;
  }
  EXPECT_GT(together->front(), 0);
  EXPECT_EQ((*together)[filters.size() - 3], 0);  // the unknown client
}

TEST_F(SimIntegrationTest, SweepSurvivesFaultsAndTokenExpiry) {
  auto total = client_->Count({});
  ASSERT_TRUE(total) << total.error().message;
  sim::FaultOptions faults;
  faults.error_5xx_share = 0.2;
  faults.rps_limit = 40;
  faults.hang_share = 0.03;
  faults.hang_ms = 3000;
  faults.truncate_share = 0.05;
  faults.garble_share = 0.05;
  server_->SetFaults(faults);
  std::string before = store_->Load()->access_token;
  int64_t nodes = 0;
  auto ids = Sweep(&nodes, [&](int page_no) {
    if (page_no == 5) server_->ExpireTokens();  // the token dies mid-run
  });
  server_->SetFaults({});
  EXPECT_EQ(static_cast<int64_t>(ids.size()), *total);
  EXPECT_EQ(nodes, *total);
  auto stats = server_->stats();
  EXPECT_GT(stats.errors_5xx, 0);
  EXPECT_GT(stats.unauthorized, 0);
  EXPECT_FALSE(observer_.Of<RetryScheduled>().empty());
  auto refreshed = observer_.Of<TokenRefreshed>();
  ASSERT_FALSE(refreshed.empty());
  EXPECT_TRUE(refreshed.back().ok);
  // The refreshed token is on disk, 0600.
  auto saved = store_->Load();
  ASSERT_TRUE(saved);
  EXPECT_NE(saved->access_token, before);
  EXPECT_TRUE(observer_.Of<Warning>().empty());
}

}  // namespace
}  // namespace gb
