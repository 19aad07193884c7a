// The simulator's OAuth code grant over HTTP, as Gazelle serves it: the
// consent page and its error pages, Approve and Deny redirects carrying the
// state back, codes that are single-use, short-lived and bound to their
// client and redirect URI, the token endpoint's refusals (client_credentials
// included), and a token from a code that works on the GraphQL endpoint.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "sim_test_util.h"

namespace gb::sim {
namespace {

using testing::json;

constexpr const char* kRedirect = "http://127.0.0.1:8765/callback";

class SimOAuthTest : public ::testing::Test {
 protected:
  void StartSim(SimOptions o = {}) {
    o.scale = 0.003;
    sim_ = std::make_unique<SimServer>(o, &clock_);
    ASSERT_TRUE(sim_->Start());
  }
  httplib::Params Request(const std::string& redirect = kRedirect) const {
    return {{"client_id", sim_->credentials().client_id},
            {"redirect_uri", redirect},
            {"response_type", "code"},
            {"state", "st<te>/1"}};
  }
  httplib::Result Consent(const httplib::Params& params) {
    httplib::Client client(sim_->BaseUrl());
    return client.Get("/developer/oauth/authorize", params, httplib::Headers{});
  }
  httplib::Result Decide(httplib::Params params, const std::string& decision) {
    params.emplace("decision", decision);
    httplib::Client client(sim_->BaseUrl());  // does not follow redirects
    return client.Post("/developer/oauth/authorize", params);
  }
  // The query of the redirect's Location, decoded.
  static std::multimap<std::string, std::string> Back(const httplib::Result& r) {
    EXPECT_EQ(r->status, 302);
    std::string location = r->get_header_value("Location");
    EXPECT_TRUE(location.starts_with(std::string(kRedirect) + "?")) << location;
    std::multimap<std::string, std::string> query;
    httplib::detail::parse_query_text(location.substr(location.find('?') + 1), query);
    return query;
  }
  std::string Code(const std::string& redirect = kRedirect) {
    auto query = Back(Decide(Request(redirect), "approve"));
    return query.count("code") ? query.find("code")->second : "";
  }
  httplib::Result Exchange(const std::string& code, const std::string& redirect = kRedirect,
                           const std::string& secret = "") {
    httplib::Client client(sim_->BaseUrl());
    return client.Post(
        "/developer/oauth/token",
        httplib::Params{
            {"grant_type", "authorization_code"},
            {"code", code},
            {"redirect_uri", redirect},
            {"client_id", sim_->credentials().client_id},
            {"client_secret", secret.empty() ? sim_->credentials().client_secret : secret}});
  }
  static std::string Error(const httplib::Result& r) {
    return json::parse(r->body, nullptr, false).value("error", "");
  }

  FakeClock clock_;
  std::unique_ptr<SimServer> sim_;
};

TEST_F(SimOAuthTest, ConsentPageOffersApproveAndDenyAndCarriesTheRequest) {
  StartSim();
  auto page = Consent(Request());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->get_header_value("Content-Type").find("text/html"), std::string::npos);
  for (const char* part : {R"(id="approve")", R"(id="deny")", R"(value="st&lt;te&gt;/1")",
                           R"(action="/developer/oauth/authorize")", kRedirect}) {
    EXPECT_NE(page->body.find(part), std::string::npos) << part << "\n" << page->body;
  }
}

TEST_F(SimOAuthTest, BadRequestsGetAnErrorPage) {
  StartSim();
  for (const char* missing : {"client_id", "redirect_uri", "response_type", "state"}) {
    httplib::Params params = Request();
    params.erase(missing);
    auto page = Consent(params);
    EXPECT_EQ(page->status, 400) << missing;
    EXPECT_NE(page->body.find(std::string("Missing required parameter: ") + missing),
              std::string::npos)
        << page->body;
    EXPECT_EQ(page->body.find(R"(id="approve")"), std::string::npos);
  }
  httplib::Params unknown = Request();
  unknown.find("client_id")->second = "someone-else";
  EXPECT_NE(Consent(unknown)->body.find(R"(data-error="invalid_client")"), std::string::npos);
  httplib::Params token_flow = Request();
  token_flow.find("response_type")->second = "token";
  EXPECT_NE(Consent(token_flow)->body.find("unsupported_response_type"), std::string::npos);
  for (const char* elsewhere : {"https://evil.example/cb", "http://127.0.0.1/cb",
                                "http://127.0.0.1:80x/cb", "http://127.0.0.1:8765/cb#frag"}) {
    auto page = Consent(Request(elsewhere));
    EXPECT_NE(page->body.find("invalid_redirect_uri"), std::string::npos) << elsewhere;
    EXPECT_EQ(Decide(Request(elsewhere), "approve")->status, 400) << elsewhere;
  }
}

TEST_F(SimOAuthTest, ARegisteredRedirectUriIsTheOnlyOneAccepted) {
  SimOptions o;
  o.redirect_uri = "http://127.0.0.1:9999/back";
  StartSim(o);
  EXPECT_EQ(Consent(Request())->status, 400);
  EXPECT_EQ(Consent(Request("http://127.0.0.1:9999/back"))->status, 200);
}

TEST_F(SimOAuthTest, DenyRedirectsWithAccessDeniedAndTheState) {
  StartSim();
  auto query = Back(Decide(Request(), "deny"));
  EXPECT_EQ(query.find("error")->second, "access_denied");
  EXPECT_EQ(query.find("state")->second, "st<te>/1");
  EXPECT_EQ(query.count("code"), 0u);
}

TEST_F(SimOAuthTest, ApprovedCodeGivesAWorkingTokenOnce) {
  StartSim();
  auto query = Back(Decide(Request(), "approve"));
  EXPECT_EQ(query.find("state")->second, "st<te>/1");
  const std::string code = query.find("code")->second;
  auto answer = Exchange(code);
  ASSERT_EQ(answer->status, 200) << answer->body;
  json token = json::parse(answer->body);
  EXPECT_EQ(token["expires_in"], 7200);
  EXPECT_EQ(token["token_type"], "Bearer");
  const std::string body = testing::Body("{ allTimelineEntries(first: 1) { totalCount } }");
  EXPECT_EQ(testing::PostGraphql(*sim_, body, token["access_token"])->status, 200);
  auto again = Exchange(code);  // single use
  EXPECT_EQ(again->status, 400);
  EXPECT_EQ(Error(again), "invalid_grant");
  // Its refresh token refreshes.
  httplib::Client client(sim_->BaseUrl());
  auto refreshed = client.Post("/developer/oauth/token",
                               httplib::Params{{"grant_type", "refresh_token"},
                                               {"client_id", sim_->credentials().client_id},
                                               {"client_secret", sim_->credentials().client_secret},
                                               {"refresh_token", token["refresh_token"]}});
  EXPECT_EQ(refreshed->status, 200) << refreshed->body;
  EXPECT_EQ(sim_->stats().token_refreshes, 1);
}

TEST_F(SimOAuthTest, CodesAreBoundToTheirRedirectUriAndExpire) {
  StartSim();
  auto other = Exchange(Code(), "http://127.0.0.1:8766/callback");
  EXPECT_EQ(Error(other), "invalid_grant");
  const std::string code = Code();
  clock_.Advance(std::chrono::seconds(601));
  EXPECT_EQ(Error(Exchange(code)), "invalid_grant");
  EXPECT_EQ(Error(Exchange("sim_code_made_up")), "invalid_grant");
  EXPECT_EQ(Error(Exchange("")), "invalid_request");
}

TEST_F(SimOAuthTest, WrongSecretIsInvalidClient401) {
  StartSim();
  auto refused = Exchange(Code(), kRedirect, "wrong-secret");
  EXPECT_EQ(refused->status, 401);
  EXPECT_EQ(Error(refused), "invalid_client");
}

TEST_F(SimOAuthTest, ClientCredentialsGrantIsRefusedAsGazelleDoes) {
  StartSim();
  httplib::Client client(sim_->BaseUrl());
  auto refused = client.Post("/developer/oauth/token",
                             httplib::Params{{"grant_type", "client_credentials"},
                                             {"client_id", sim_->credentials().client_id},
                                             {"client_secret", sim_->credentials().client_secret}});
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(Error(refused), "unsupported_grant_type");
}

}  // namespace
}  // namespace gb::sim
