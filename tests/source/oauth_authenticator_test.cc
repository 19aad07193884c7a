#include "source/oauth_authenticator.h"

#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "source/fake_transport.h"
#include "source/gazelle_client.h"
#include "source/recording_observer.h"
#include "source/temp_dir.h"

namespace gb {
namespace {

constexpr int64_t kNow = 1732000000;  // FakeClock's epoch
constexpr const char* kCount = R"({"data":{"allTimelineEntries":{"totalCount":7}}})";

class OAuthTest : public ::testing::Test {
 protected:
  OAuthTest() : store_(dir_.File("config/token.json"), observer_) {}

  OAuthConfig Config() {
    OAuthConfig config;
    config.base_url = "http://sim";
    config.credentials.client_id = "client-1";
    config.credentials.client_secret = "client-secret-xyz";
    return config;
  }

  Token TokenAged(int64_t age_seconds, const std::string& access = "access-old-1") {
    return Token{access, "refresh-old-1", 7200, kNow - age_seconds};
  }

  static HttpResponse Refreshed(const std::string& access, const std::string& refresh) {
    nlohmann::json j = {{"access_token", access},
                        {"refresh_token", refresh},
                        {"token_type", "Bearer"},
                        {"expires_in", 7200}};
    return HttpResponse{200, {}, j.dump()};
  }

  // Answers the GraphQL endpoint 401 unless the bearer is `valid`, and the
  // token endpoint with a new token (counting refreshes).
  void ServeApi(std::string valid) {
    transport_.SetHandler([this, valid](const HttpRequest& r) -> Result<HttpResponse> {
      if (r.url.ends_with("/developer/oauth/token")) {
        ++refreshes_;
        return Refreshed(valid, "refresh-new-2");
      }
      HttpResponse as_headers{0, r.headers, ""};
      if (as_headers.Header("authorization") != "Bearer " + valid) {
        return HttpResponse{401, {}, "expired"};
      }
      return HttpResponse{200, {}, kCount};
    });
  }

  static GazelleOptions SimOptions() {
    GazelleOptions options;
    options.base_url = "http://sim";
    return options;
  }

  testing::TempDir dir_;
  testing::RecordingObserver observer_;
  TokenStore store_;
  FakeTransport transport_;
  FakeClock clock_;
  std::atomic<int> refreshes_{0};
};

TEST_F(OAuthTest, On401RefreshesOnceReplaysAndPersists) {
  OAuthAuthenticator auth(Config(), TokenAged(60), &store_, transport_, clock_, observer_);
  ServeApi("access-new-2");
  auto client = GazelleClient::Create(SimOptions(), transport_, auth, clock_, observer_);
  auto count = (*client)->Count({});
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(*count, 7);
  EXPECT_EQ(refreshes_, 1);
  auto requests = transport_.requests();
  ASSERT_EQ(requests.size(), 3u);  // 401, refresh, replay
  EXPECT_EQ(requests[1].url, "http://sim/developer/oauth/token");
  EXPECT_EQ(requests[1].body,
            "grant_type=refresh_token&client_id=client-1&client_secret=client-secret-xyz&"
            "refresh_token=refresh-old-1");
  EXPECT_EQ(requests[2].body, requests[0].body);
  auto saved = store_.Load();
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->access_token, "access-new-2");
  EXPECT_EQ(saved->refresh_token, "refresh-new-2");
  EXPECT_EQ(saved->created_at, kNow);
  EXPECT_EQ(saved->extra["token_type"], "Bearer");
  auto events = observer_.Of<TokenRefreshed>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].ok);
  EXPECT_EQ(events[0].expires_at,
            std::chrono::system_clock::time_point(std::chrono::seconds(kNow + 7200)));
  EXPECT_EQ(events[0].message.find("access-new-2"), std::string::npos);
}

TEST_F(OAuthTest, RefreshesAheadOfExpiryWithoutA401) {
  // 7,200 s token, 6,950 s old: 250 s left, under the 300 s margin.
  OAuthAuthenticator auth(Config(), TokenAged(6950), &store_, transport_, clock_, observer_);
  ServeApi("access-new-2");
  auto headers = auth.Headers();
  ASSERT_TRUE(headers);
  EXPECT_EQ(headers->credential, "access-new-2");
  EXPECT_EQ(refreshes_, 1);
  // Fresh now: no further refresh.
  ASSERT_TRUE(auth.Headers());
  EXPECT_EQ(refreshes_, 1);
}

TEST_F(OAuthTest, NoRefreshWhileFarFromExpiry) {
  OAuthAuthenticator auth(Config(), TokenAged(100), &store_, transport_, clock_, observer_);
  auto headers = auth.Headers();
  ASSERT_TRUE(headers);
  EXPECT_EQ(headers->credential, "access-old-1");
  EXPECT_EQ(transport_.request_count(), 0u);
}

TEST_F(OAuthTest, ShortLivedTokensUseTenPercentMargin) {
  Token token{"access-old-1", "refresh-old-1", 60, kNow - 50};  // 10 s left of 60: not yet due
  OAuthAuthenticator auth(Config(), token, &store_, transport_, clock_, observer_);
  ServeApi("access-new-2");
  ASSERT_TRUE(auth.Headers());
  EXPECT_EQ(refreshes_, 0);
  clock_.Advance(std::chrono::seconds(5));  // 5 s left: due
  ASSERT_TRUE(auth.Headers());
  EXPECT_EQ(refreshes_, 1);
}

TEST_F(OAuthTest, ConcurrentUnauthorizedRefreshOnce) {
  OAuthAuthenticator auth(Config(), TokenAged(60), &store_, transport_, clock_, observer_);
  ServeApi("access-new-2");
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (auth.OnUnauthorized("access-old-1")) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 8);
  EXPECT_EQ(refreshes_, 1);
}

TEST_F(OAuthTest, RefusedRefreshIsAuthErrorWithoutSecrets) {
  Token expired = TokenAged(8000);
  OAuthAuthenticator auth(Config(), expired, &store_, transport_, clock_, observer_);
  transport_.SetHandler([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{400, {}, R"({"error":"invalid_grant","token":"refresh-old-1"})"};
  });
  auto headers = auth.Headers();
  ASSERT_FALSE(headers);
  EXPECT_EQ(headers.error().kind, ErrorKind::kAuth);
  const std::string& m = headers.error().message;
  EXPECT_NE(m.find("invalid_grant"), std::string::npos);
  EXPECT_NE(m.find("gazelle-backfill token"), std::string::npos);
  EXPECT_NE(m.find("resume"), std::string::npos);
  for (const char* secret : {"refresh-old-1", "client-secret-xyz", "access-old-1"}) {
    EXPECT_EQ(m.find(secret), std::string::npos) << secret;
  }
  auto events = observer_.Of<TokenRefreshed>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_FALSE(events[0].ok);
}

TEST_F(OAuthTest, FailedEarlyRefreshKeepsUsingAValidToken) {
  OAuthAuthenticator auth(Config(), TokenAged(6950), &store_, transport_, clock_, observer_);
  transport_.Push(Fail(ErrorKind::kTransient, "connection refused"));
  auto headers = auth.Headers();
  ASSERT_TRUE(headers);
  EXPECT_EQ(headers->credential, "access-old-1");
  ASSERT_TRUE(auth.Headers());  // no second attempt right away
  EXPECT_EQ(transport_.request_count(), 1u);
}

TEST_F(OAuthTest, WithoutClientCredentialsSaysWhatToSet) {
  OAuthConfig config = Config();
  config.credentials = {};
  OAuthAuthenticator auth(config, TokenAged(9000), &store_, transport_, clock_, observer_);
  auto headers = auth.Headers();
  ASSERT_FALSE(headers);
  EXPECT_EQ(headers.error().kind, ErrorKind::kAuth);
  EXPECT_NE(headers.error().message.find("GAZELLE_CLIENT_ID"), std::string::npos);
}

TEST_F(OAuthTest, SecondRefusalAfterRefreshStops) {
  OAuthAuthenticator auth(Config(), TokenAged(60), &store_, transport_, clock_, observer_);
  transport_.SetHandler([](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.url.ends_with("/token")) return Refreshed("access-new-2", "refresh-new-2");
    return HttpResponse{401, {}, "no"};
  });
  auto client = GazelleClient::Create(SimOptions(), transport_, auth, clock_, observer_);
  auto count = (*client)->Count({});
  ASSERT_FALSE(count);
  EXPECT_EQ(count.error().kind, ErrorKind::kAuth);
  EXPECT_EQ(transport_.request_count(), 3u);
}

}  // namespace
}  // namespace gb
