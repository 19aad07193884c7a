// A stream's page as the API answers it: nodes kept as their JSON text (a
// null item counted), and a node whose nested list goes on completed by the
// follow-up document until its end (GazelleClient::FetchObjects).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "source/fake_transport.h"
#include "source/gazelle_client.h"
#include "source/recording_observer.h"
#include "source/response_parser.h"
#include "streams/registry.h"

namespace gb {
namespace {

TEST(ObjectPageTest, NodesAreKeptAsTheirTextAndNullItemsAreCounted) {
  const std::string body =
      R"({"data":{"allPianos":{"totalCount":3,"pageInfo":{"hasNextPage":true,"endCursor":"c2"},)"
      R"("nodes":[{"id":"pno_1","make":"Steinway \"B\""},null,{"id":"pno_3"}]}}})";
  auto page = ParseObjectPage(body, "allPianos");
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->nodes.size(), 3u);
  EXPECT_EQ(page->nodes[0], R"({"id":"pno_1","make":"Steinway \"B\""})");
  EXPECT_EQ(page->nodes[1], "null");
  EXPECT_EQ(page->null_items, 1);
  EXPECT_EQ(page->total_count, 3);
  EXPECT_TRUE(page->has_next_page);
  EXPECT_EQ(page->end_cursor, "c2");
}

TEST(ObjectPageTest, ANestedListIsReadThroughItsParent) {
  const std::string body =
      R"({"data":{"client":{"id":"cli_1","allContacts":{"totalCount":52,)"
      R"("pageInfo":{"hasNextPage":false,"endCursor":"x"},"nodes":[{"id":"con_51"},{"id":"con_52"}]}}}})";
  auto page = ParseObjectPage(body, "client", "allContacts");
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->nodes.size(), 2u);
  EXPECT_FALSE(page->has_next_page);
}

TEST(ObjectPageTest, AnAnswerWithoutItsConnectionIsIncompleteAndRetried) {
  auto page = ParseObjectPage(R"({"data":{"allPianos":{"totalCount":3}}})", "allPianos");
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ErrorKind::kTransient);
  auto refused = ParseObjectPage(
      R"({"errors":[{"message":"Cannot query field \"x\" on type \"PrivatePiano\"."}],"data":null})",
      "allPianos");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().kind, ErrorKind::kTransient);
}

// A client with 3 contacts when the page gives 1: the rest is asked by the
// nested document with the client's id, page after page, and the node that
// comes back holds all of them.
TEST(ObjectPageTest, ANodeWhoseNestedListGoesOnIsCompleted) {
  using json = nlohmann::json;
  FakeTransport transport;
  ApiKeyAuthenticator auth{"key-abcdef-123"};
  FakeClock clock;
  testing::RecordingObserver observer;
  GazelleOptions options;
  options.base_url = "http://127.0.0.1:9/";
  auto client = GazelleClient::Create(options, transport, auth, clock, observer);
  ASSERT_TRUE(client);
  auto contacts = [](std::vector<std::string> ids, bool more, const std::string& cursor) {
    json nodes = json::array();
    for (const auto& id : ids) nodes.push_back({{"id", id}});
    return json{{"totalCount", 3},
                {"pageInfo", {{"hasNextPage", more}, {"endCursor", cursor}}},
                {"nodes", nodes}};
  };
  json page = {{"data",
                {{"allClients",
                  {{"totalCount", 2},
                   {"pageInfo", {{"hasNextPage", false}, {"endCursor", "p1"}}},
                   {"nodes",
                    {{{"id", "cli_1"}, {"allContacts", contacts({"con_1"}, true, "k1")}},
                     {{"id", "cli_2"}, {"allContacts", contacts({"con_9"}, false, "k9")}}}}}}}}};
  transport.PushJson(200, page.dump());
  transport.PushJson(
      200, json{{"data",
                 {{"client", {{"id", "cli_1"}, {"allContacts", contacts({"con_2"}, true, "k2")}}}}}}
               .dump());
  transport.PushJson(
      200,
      json{{"data",
            {{"client", {{"id", "cli_1"}, {"allContacts", contacts({"con_3"}, false, "k3")}}}}}}
          .dump());
  auto got = (*client)->FetchObjects({FindStream("clients"), std::nullopt, 100});
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_EQ(got->nodes.size(), 2u);
  json first = json::parse(got->nodes[0]);
  ASSERT_EQ(first["allContacts"]["nodes"].size(), 3u);
  EXPECT_EQ(first["allContacts"]["nodes"][2]["id"], "con_3");
  EXPECT_FALSE(first["allContacts"]["pageInfo"]["hasNextPage"].get<bool>());
  EXPECT_EQ(json::parse(got->nodes[1])["allContacts"]["nodes"].size(), 1u);
  ASSERT_EQ(transport.request_count(), 3u);
  json second = json::parse(transport.requests()[1].body);
  EXPECT_EQ(second["variables"]["clientId"], "cli_1");
  EXPECT_EQ(second["variables"]["after"], "k1");
  EXPECT_EQ(json::parse(transport.requests()[2].body)["variables"]["after"], "k2");
}

}  // namespace
}  // namespace gb
