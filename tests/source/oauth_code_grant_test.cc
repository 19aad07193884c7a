// The authorization-code grant's pieces without a network: the authorize URL,
// the state (random, checked before anything else), the redirect's answers,
// and the code exchange's request and every refusal's classification. No
// secret (code, client secret, tokens) may appear in a message.
#include "source/oauth_code_grant.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "source/fake_transport.h"

namespace gb {
namespace {

constexpr int64_t kGrantNow = 1767225600;
const TokenEndpoint kEndpoint{"https://gazelleapp.io"};

Credentials Client() {
  Credentials c;
  c.client_id = "client-1";
  c.client_secret = "client-secret-xyz";
  return c;
}

void ExpectNoSecret(const Error& e) {
  for (const char* secret : {"client-secret-xyz", "code-abc-123", "at-new", "rt-new"}) {
    EXPECT_EQ(e.message.find(secret), std::string::npos) << e.message;
  }
}

TEST(OAuthCodeGrantTest, AuthorizeUrlCarriesTheFourParametersEncoded) {
  EXPECT_EQ(
      AuthorizeUrl("https://gazelleapp.io", "client 1", "http://127.0.0.1:8765/callback", "s1"),
      "https://gazelleapp.io/developer/oauth/authorize?client_id=client%201&redirect_uri="
      "http%3A%2F%2F127.0.0.1%3A8765%2Fcallback&response_type=code&state=s1");
}

TEST(OAuthCodeGrantTest, StatesAreLongRandomAndNeverRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto state = NewState();
    ASSERT_TRUE(state);
    EXPECT_EQ(state->size(), 64u);
    EXPECT_EQ(state->find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(*state);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(OAuthCodeGrantTest, RedirectWithTheRightStateGivesTheCode) {
  auto code = CodeFromRedirect({{"code", "code-abc-123"}, {"state", "s1"}}, "s1");
  ASSERT_TRUE(code) << code.error().message;
  EXPECT_EQ(*code, "code-abc-123");
}

TEST(OAuthCodeGrantTest, WrongOrMissingStateIsRefusedBeforeAnythingElse) {
  for (const std::map<std::string, std::string>& query :
       {std::map<std::string, std::string>{{"code", "code-abc-123"}, {"state", "s2"}},
        std::map<std::string, std::string>{{"code", "code-abc-123"}},
        std::map<std::string, std::string>{{"error", "access_denied"}, {"state", "s11"}},
        std::map<std::string, std::string>{{"code", "code-abc-123"}, {"state", "s"}}}) {
    auto code = CodeFromRedirect(query, "s1");
    ASSERT_FALSE(code);
    EXPECT_EQ(code.error().code, "state_mismatch");
    EXPECT_EQ(code.error().kind, ErrorKind::kAuth);
    ExpectNoSecret(code.error());
  }
}

TEST(OAuthCodeGrantTest, DenialAndOtherProviderErrorsKeepTheirCode) {
  auto denied = CodeFromRedirect({{"error", "access_denied"},
                                  {"error_description", "The resource owner denied the request."},
                                  {"state", "s1"}},
                                 "s1");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, "access_denied");
  EXPECT_NE(denied.error().message.find("denied the request"), std::string::npos);
  auto scope = CodeFromRedirect({{"error", "invalid_scope"}, {"state", "s1"}}, "s1");
  ASSERT_FALSE(scope);
  EXPECT_EQ(scope.error().code, "invalid_scope");
  auto empty = CodeFromRedirect({{"state", "s1"}}, "s1");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, "no_code");
}

TEST(OAuthCodeGrantTest, ExchangePostsTheCodeGrantAndReadsTheToken) {
  FakeTransport transport;
  transport.PushJson(200, R"({"access_token":"at-new","refresh_token":"rt-new","expires_in":7200,
                              "created_at":5,"token_type":"Bearer","scope":"private"})");
  auto token = ExchangeCode(transport, kEndpoint, Client(), "code-abc-123",
                            "http://127.0.0.1:8765/callback", kGrantNow);
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(token->access_token, "at-new");
  EXPECT_EQ(token->refresh_token, "rt-new");
  EXPECT_EQ(token->expires_in, 7200);
  EXPECT_EQ(token->created_at, kGrantNow);  // our clock, not the server's
  ASSERT_EQ(transport.request_count(), 1u);
  const HttpRequest r = transport.requests()[0];
  EXPECT_EQ(r.url, "https://gazelleapp.io/developer/oauth/token");
  EXPECT_EQ(r.body,
            "grant_type=authorization_code&code=code-abc-123&redirect_uri=http%3A%2F%2F127.0.0.1"
            "%3A8765%2Fcallback&client_id=client-1&client_secret=client-secret-xyz");
}

struct Refusal {
  int status;
  std::string body;
  std::string code;
  ErrorKind kind;
};

TEST(OAuthCodeGrantTest, EveryRefusalIsClassifiedWithoutSecrets) {
  const std::vector<Refusal> cases = {
      {401, R"({"error":"invalid_client","error_description":"Client authentication failed"})",
       "invalid_client", ErrorKind::kAuth},
      {400, R"({"error":"invalid_client"})", "invalid_client", ErrorKind::kAuth},
      {400, R"({"error":"invalid_grant","error_description":"code-abc-123 is expired"})",
       "invalid_grant", ErrorKind::kAuth},
      {400, R"({"error":"unsupported_grant_type"})", "unsupported_grant_type", ErrorKind::kAuth},
      {403, "<html>forbidden</html>", "http:403", ErrorKind::kAuth},
      {503, R"({"error":"temporarily_unavailable"})", "http:503", ErrorKind::kTransient},
      {429, "", "http:429", ErrorKind::kRateLimited},
      {200, "not json", "bad_answer", ErrorKind::kPermanent},
  };
  for (const Refusal& c : cases) {
    FakeTransport transport;
    transport.PushJson(c.status, c.body);
    auto token = ExchangeCode(transport, kEndpoint, Client(), "code-abc-123",
                              "http://127.0.0.1:8765/callback", kGrantNow);
    ASSERT_FALSE(token) << c.body;
    EXPECT_EQ(token.error().code, c.code) << c.body;
    EXPECT_EQ(token.error().kind, c.kind) << c.body;
    ExpectNoSecret(token.error());
  }
  FakeTransport down;
  down.Push(Fail(ErrorKind::kTransient, "connection refused", "curl:7"));
  auto unreachable =
      ExchangeCode(down, kEndpoint, Client(), "code-abc-123", "http://x/cb", kGrantNow);
  ASSERT_FALSE(unreachable);
  EXPECT_EQ(unreachable.error().kind, ErrorKind::kTransient);
}

}  // namespace
}  // namespace gb
