#include "source/gazelle_client.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/redact.h"
#include "source/fake_transport.h"
#include "source/recording_observer.h"
#include "source/response_parser.h"

namespace gb {
namespace {

using std::chrono::milliseconds;

std::string PageBody(int nodes, bool has_next, const std::string& cursor = "c1") {
  nlohmann::json list = nlohmann::json::array();
  for (int i = 0; i < nodes; ++i) {
    list.push_back({{"id", "tme_" + std::to_string(i)},
                    {"occurredAt", "2024-01-01T00:00:00Z"},
                    {"type", "INVOICE"},
                    {"client", {{"id", "cli_1"}}}});
  }
  nlohmann::json body = {{"data",
                          {{"allTimelineEntries",
                            {{"totalCount", 250},
                             {"pageInfo", {{"hasNextPage", has_next}, {"endCursor", cursor}}},
                             {"nodes", list}}}}}};
  return body.dump();
}

class GazelleClientTest : public ::testing::Test {
 protected:
  std::unique_ptr<GazelleClient> Make(GazelleOptions options = {}) {
    options.base_url = "http://127.0.0.1:9/";
    auto client = GazelleClient::Create(options, transport_, auth_, clock_, observer_);
    EXPECT_TRUE(client);
    return std::move(*client);
  }

  FakeTransport transport_;
  ApiKeyAuthenticator auth_{"key-abcdef-123"};
  FakeClock clock_;
  testing::RecordingObserver observer_;
};

TEST_F(GazelleClientTest, PostsTheQueryWithAuthAndTimeouts) {
  GazelleOptions options;
  options.connect_timeout = milliseconds(1234);
  options.request_timeout = milliseconds(5678);
  auto client = Make(options);
  transport_.PushJson(200, PageBody(3, true));
  PageRequest request;
  request.filter.types = {"INVOICE"};
  auto page = client->FetchPage(request);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->nodes.size(), 3u);
  EXPECT_EQ(page->end_cursor, "c1");
  auto sent = transport_.requests().at(0);
  EXPECT_EQ(sent.url, "http://127.0.0.1:9/graphql/private/");
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.connect_timeout, milliseconds(1234));
  EXPECT_EQ(sent.total_timeout, milliseconds(5678));
  HttpResponse as_headers{0, sent.headers, ""};
  EXPECT_EQ(as_headers.Header("x-gazelle-api-key"), "key-abcdef-123");
  EXPECT_EQ(as_headers.Header("content-type"), "application/json");
  EXPECT_EQ(nlohmann::json::parse(sent.body)["variables"]["types"][0], "INVOICE");
  EXPECT_EQ(client->Describe(), "Gazelle API at http://127.0.0.1:9");
}

TEST_F(GazelleClientTest, RetriesServerErrorsTimeoutsAndCutOffBodies) {
  auto client = Make();
  transport_.PushJson(503, "Service Unavailable");
  transport_.Push(Fail(ErrorKind::kTransient, "request to x timed out", "curl:28"));
  std::string body = PageBody(2, false);
  transport_.PushJson(200, body.substr(0, body.size() / 2));
  transport_.PushJson(200, body);
  auto page = client->FetchPage({});
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->nodes.size(), 2u);
  EXPECT_EQ(transport_.request_count(), 4u);
  auto waits = observer_.Of<RetryScheduled>();
  ASSERT_EQ(waits.size(), 3u);
  EXPECT_NE(waits[0].reason.find("HTTP 503"), std::string::npos);
  EXPECT_NE(waits[1].reason.find("timed out"), std::string::npos);
  EXPECT_NE(waits[2].reason.find("cut off"), std::string::npos);
}

TEST_F(GazelleClientTest, GivesUpAfterTheBudgetWithTransientError) {
  GazelleOptions options;
  options.retry.max_attempts = 3;
  auto client = Make(options);
  transport_.SetHandler([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{502, {}, "bad gateway"};
  });
  auto count = client->Count({});
  ASSERT_FALSE(count);
  EXPECT_EQ(count.error().kind, ErrorKind::kTransient);
  EXPECT_EQ(transport_.request_count(), 3u);
  EXPECT_LE(clock_.slept(), BackoffCeiling(options.retry, 1) + BackoffCeiling(options.retry, 2));
}

TEST_F(GazelleClientTest, HonoursRetryAfterSecondsAndDate) {
  auto client = Make();
  transport_.PushJson(429, "{}", {{"retry-after", "5"}});
  std::string date = "Tue, 19 Nov 2024 07:07:00 GMT";  // FakeClock epoch 1732000000 + 20 s
  transport_.PushJson(429, "{}", {{"retry-after", date}});
  transport_.PushJson(200, R"({"data":{"allTimelineEntries":{"totalCount":42}}})");
  auto count = client->Count({});
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(*count, 42);
  auto waits = observer_.Of<RetryScheduled>();
  ASSERT_EQ(waits.size(), 2u);
  EXPECT_EQ(waits[0].delay, milliseconds(5000));
  EXPECT_EQ(waits[0].reason, "429 Too Many Requests");
  EXPECT_EQ(waits[1].delay, milliseconds(15'000));  // 20 s after epoch, 5 s already slept
  EXPECT_EQ(nlohmann::json::parse(transport_.requests()[0].body)["variables"]["first"], 1);
}

TEST_F(GazelleClientTest, GraphqlErrorsStopWithoutRetry) {
  auto client = Make();
  transport_.PushJson(
      200, R"({"errors":[{"message":"Variable \"$types\" got invalid value \"NOTE\"."}]})");
  auto page = client->FetchPage({});
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ErrorKind::kConfig);
  EXPECT_NE(page.error().message.find("$types"), std::string::npos);
  EXPECT_EQ(transport_.request_count(), 1u);
}

TEST_F(GazelleClientTest, CountsAskedTogetherFallBackToOneByOneWhenRefused) {
  auto client = Make();
  transport_.PushJson(200, R"({"errors":[{"message":"Query is too complex."}]})");
  for (int n : {7, 8, 9}) {
    transport_.PushJson(
        200, R"({"data":{"allTimelineEntries":{"totalCount":)" + std::to_string(n) + "}}}");
  }
  std::vector<TimelineFilter> filters(3);
  filters[1].types = {"INVOICE"};
  filters[2].occurred_at_get = "2024-01-01T00:00:00Z";
  auto counts = client->CountEach(filters);
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_EQ(*counts, (std::vector<int64_t>{7, 8, 9}));
  EXPECT_EQ(transport_.request_count(), 4u);
}

TEST_F(GazelleClientTest, GraphqlErrorsWithHttp400AreClassifiedFromTheBody) {
  auto client = Make();
  transport_.PushJson(400, R"({"errors":[{"message":"Unknown argument \"sort\"."}]})");
  auto page = client->FetchPage({});
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ErrorKind::kConfig);
  EXPECT_NE(page.error().message.find("\"sort\""), std::string::npos);
}

TEST_F(GazelleClientTest, NotFoundPointsAtTheUrlOption) {
  auto client = Make();
  transport_.PushJson(404, "<html>not found</html>");
  auto page = client->FetchPage({});
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ErrorKind::kConfig);
  EXPECT_NE(page.error().message.find("--api"), std::string::npos);
}

TEST_F(GazelleClientTest, ApiKeyRefusedIsAuthWithoutTheKey) {
  auto client = Make();
  transport_.PushJson(401, "invalid key key-abcdef-123");
  auto page = client->FetchPage({});
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ErrorKind::kAuth);
  EXPECT_EQ(page.error().message.find("key-abcdef-123"), std::string::npos);
}

TEST_F(GazelleClientTest, SecretsInServerAnswersAreRedacted) {
  auto client = Make();
  transport_.PushJson(418, "echo: x-gazelle-api-key: key-abcdef-123");
  auto page = client->FetchPage({});
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().message.find("key-abcdef-123"), std::string::npos);
  EXPECT_NE(page.error().message.find("***"), std::string::npos);
}

TEST_F(GazelleClientTest, RateLimitThrottlesRequests) {
  GazelleOptions options;
  options.max_rps = 10;
  auto client = Make(options);
  transport_.SetHandler([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{200, {}, R"({"data":{"allTimelineEntries":{"totalCount":1}}})"};
  });
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(client->Count({}));
  EXPECT_EQ(clock_.slept(), milliseconds(400));
}

TEST_F(GazelleClientTest, FetchUsersAsksThePlainListOnce) {
  auto client = Make();
  transport_.PushJson(200,
                      R"({"data":{"allUsers":[{"id":"usr_1","firstName":"A",)"
                      R"("status":"ACTIVE"},{"id":"usr_2","firstName":"B","status":"ACTIVE"}]}})");
  auto users = client->FetchUsers();
  ASSERT_TRUE(users) << users.error().message;
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[1].id, "usr_2");
  ASSERT_EQ(transport_.requests().size(), 1u);
}

// A null item in nodes is an entry the API failed to give: the page is asked
// again; when the null persists, the page comes back with it as a defect node.
TEST_F(GazelleClientTest, APageWithANullItemIsRetriedThenKeptAsADefect) {
  auto client = Make();
  const std::string with_null =
      R"({"data":{"allTimelineEntries":{"totalCount":1,"pageInfo":{"hasNextPage":false,)"
      R"("endCursor":"c"},"nodes":[null]}}})";
  transport_.PushJson(200, with_null);
  transport_.PushJson(200, R"({"data":{"allTimelineEntries":{"totalCount":1,"pageInfo":)"
                           R"({"hasNextPage":false,"endCursor":"c"},"nodes":[{"id":"tme_1",)"
                           R"("occurredAt":"2024-01-01T00:00:00Z","type":"INVOICE"}]}}})");
  auto page = client->FetchPage({});
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->nodes.size(), 1u);
  EXPECT_EQ(page->nodes[0].id, "tme_1");
  EXPECT_EQ(transport_.requests().size(), 2u);
  transport_.SetHandler([&](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{200, {{"Content-Type", "application/json"}}, with_null};
  });
  auto persistent = client->FetchPage({});
  ASSERT_TRUE(persistent) << persistent.error().message;
  ASSERT_EQ(persistent->nodes.size(), 1u);
  EXPECT_EQ(persistent->nodes[0].defect, kNullItemDefect);
  EXPECT_EQ(persistent->null_items, 1);
}

TEST(ApiUrlTest, ValidatesAndNormalizes) {
  EXPECT_EQ(*ValidateApiUrl("https://gazelleapp.io/"), "https://gazelleapp.io");
  EXPECT_EQ(*ValidateApiUrl("http://127.0.0.1:8080/graphql/private/"), "http://127.0.0.1:8080");
  for (const char* bad : {"gazelleapp.io", "ftp://host", "https://", "https://h/x?y=1"}) {
    auto r = ValidateApiUrl(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kConfig);
    EXPECT_NE(r.error().message.find("--api"), std::string::npos) << r.error().message;
  }
  EXPECT_NE(ValidateApiUrl("ftp://h").error().message.find("ftp://"), std::string::npos);
  auto env = [](const std::string&) -> std::optional<std::string> { return "http://env"; };
  EXPECT_EQ(ResolveApiUrl("", env), "http://env");
  EXPECT_EQ(ResolveApiUrl("http://flag", env), "http://flag");
  auto none = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  EXPECT_EQ(ResolveApiUrl("", none), kDefaultApiUrl);
}

}  // namespace
}  // namespace gb
