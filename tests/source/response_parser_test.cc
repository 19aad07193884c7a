#include "source/response_parser.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "source/node_parser.h"

namespace gb {
namespace {

constexpr const char* kNode =
    R"({"id":"tme_0123456789abcdef0123","occurredAt":"2024-11-15T14:23:00Z","type":"APPOINTMENT",)"
    R"("summary":"Tuning","comment":null,"client":{"id":"cli_1"},"piano":null,)"
    R"("user":{"id":"usr_9"},"invoice":null,"estimate":{"id":"est_3"}})";

std::string PageOf(const std::string& nodes, bool has_next = true) {
  return std::string(R"({"data":{"allTimelineEntries":{"totalCount":282669,"pageInfo":{)") +
         R"("hasNextPage":)" + (has_next ? "true" : "false") +
         R"(,"endCursor":"YXJyYXk6OTk="},"nodes":[)" + nodes + "]}}}";
}

TEST(ResponseParserTest, ParsesNodesCursorAndTotal) {
  auto page = ParsePage(PageOf(kNode));
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->total_count, 282669);
  EXPECT_TRUE(page->has_next_page);
  EXPECT_EQ(page->end_cursor, "YXJyYXk6OTk=");
  ASSERT_EQ(page->nodes.size(), 1u);
  const ApiNode& n = page->nodes[0];
  EXPECT_EQ(n.id, "tme_0123456789abcdef0123");
  EXPECT_EQ(n.occurred_at, "2024-11-15T14:23:00Z");
  EXPECT_EQ(n.type, "APPOINTMENT");
  EXPECT_EQ(n.summary, "Tuning");
  EXPECT_FALSE(n.comment);
  EXPECT_EQ(n.client_id, "cli_1");
  EXPECT_FALSE(n.piano_id);
  EXPECT_EQ(n.user_id, "usr_9");
  EXPECT_EQ(n.estimate_id, "est_3");
  EXPECT_EQ(n.raw, kNode);  // the node's text exactly as received
  EXPECT_EQ(n.defect, "");
}

TEST(ResponseParserTest, LastPageHasNoCursor) {
  std::string body =
      R"({"data":{"allTimelineEntries":{"totalCount":0,"pageInfo":{"hasNextPage":false,)"
      R"("endCursor":null},"nodes":[]}}})";
  auto page = ParsePage(body);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_FALSE(page->has_next_page);
  EXPECT_FALSE(page->end_cursor);
  EXPECT_TRUE(page->nodes.empty());
}

TEST(ResponseParserTest, HostileTextSurvivesIntact) {
  std::string big(1 << 20, 'x');
  nlohmann::json node = nlohmann::json::parse(kNode);
  node["summary"] = std::string("quote \" backslash \\ nul ") + '\0' + " end";
  node["comment"] =
      "emoji \xF0\x9F\x8E\xB9 rtl \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D '; DROP TABLE x; --" + big;
  auto page = ParsePage(PageOf(node.dump()));
  ASSERT_TRUE(page) << page.error().message;
  const ApiNode& n = page->nodes.at(0);
  EXPECT_EQ(n.defect, "");
  EXPECT_EQ(*n.summary, node["summary"].get<std::string>());
  EXPECT_EQ(n.summary->size(), 29u);  // the NUL is kept
  EXPECT_EQ(*n.comment, node["comment"].get<std::string>());
}

TEST(ResponseParserTest, EscapedSurrogatePairDecodes) {
  std::string node = std::string(kNode);
  node.replace(node.find(R"("comment":null)"), 14, R"("comment":"\ud83c\udfb9\u0000")");
  auto page = ParsePage(PageOf(node));
  ASSERT_TRUE(page);
  EXPECT_EQ(*page->nodes[0].comment, std::string("\xF0\x9F\x8E\xB9\0", 5));
}

TEST(ResponseParserTest, LoneSurrogateInTextIsKeptForALosslessRepair) {
  std::string node = std::string(kNode);
  node.replace(node.find(R"("comment":null)"), 14, R"("comment":"bad \ud800 here \udc00\n")");
  auto page = ParsePage(PageOf(node + "," + kNode));
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->nodes.size(), 2u);
  EXPECT_EQ(page->nodes[0].defect, "");
  // WTF-8: the surrogates' generalized UTF-8 bytes, which the transform repairs.
  EXPECT_EQ(page->nodes[0].comment, "bad \xED\xA0\x80 here \xED\xB0\x80\n");
  EXPECT_EQ(page->nodes[0].raw, node);
  EXPECT_EQ(page->nodes[0].user_id, "usr_9");  // fields after it still read
  EXPECT_EQ(page->nodes[1].defect, "");
}

TEST(ResponseParserTest, LoneSurrogateInAnIdIsADefectNotADrop) {
  std::string node = std::string(kNode);
  node.replace(node.find(R"("user":{"id":"usr_9"})"), 21, R"("user":{"id":"usr_\ud800"})");
  auto page = ParsePage(PageOf(node + "," + kNode));
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->nodes.size(), 2u);
  EXPECT_NE(page->nodes[0].defect.find("user.id"), std::string::npos);
  EXPECT_EQ(page->nodes[0].id, "tme_0123456789abcdef0123");
  EXPECT_EQ(page->nodes[0].estimate_id, "est_3");  // fields after the bad one still read
  EXPECT_EQ(page->nodes[1].defect, "");
}

TEST(ResponseParserTest, MissingAndMalformedFieldsComeBackWithDefects) {
  std::string nodes =
      R"({"occurredAt":"2024-01-01T00:00:00Z","type":"INVOICE","client":{"id":"cli_1"}},)"
      R"({"id":"tme_2","occurredAt":"yesterday","type":"INVOICE"},)"
      R"({"id":42,"occurredAt":"2024-01-01T00:00:00Z","type":null},)"
      R"({"id":"tme_4","occurredAt":"2024-01-01T00:00:00Z","type":"X","user":"usr_1"},)"
      R"(null,)"
      R"({"id":"tme_6","occurredAt":"2024-01-01T00:00:00Z","type":"INVOICE"})";
  auto page = ParsePage(PageOf(nodes));
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->nodes.size(), 6u);
  EXPECT_EQ(page->nodes[0].defect, "missing id");
  EXPECT_NE(page->nodes[1].defect.find("occurredAt: not an ISO 8601 time"), std::string::npos);
  EXPECT_NE(page->nodes[2].defect.find("id: expected a string, got a number"), std::string::npos);
  EXPECT_NE(page->nodes[2].defect.find("type: expected a string, got null"), std::string::npos);
  EXPECT_NE(page->nodes[3].defect.find("user: expected an object"), std::string::npos);
  EXPECT_EQ(page->nodes[4].defect, kNullItemDefect);  // an item the API failed to give
  EXPECT_EQ(page->nodes[4].raw, "null");
  EXPECT_EQ(page->null_items, 1);
  EXPECT_EQ(page->nodes[5].defect, "");
}

TEST(ResponseParserTest, EveryTruncationIsTransientNeverAShortPage) {
  std::string body = PageOf(std::string(kNode) + "," + kNode, false);
  for (size_t cut = 0; cut < body.size(); ++cut) {
    auto page = ParsePage(body.substr(0, cut));
    ASSERT_FALSE(page) << "cut at " << cut << " parsed as a page of " << page->nodes.size();
    EXPECT_EQ(page.error().kind, ErrorKind::kTransient) << cut;
  }
}

TEST(ResponseParserTest, GarbledBodyIsTransient) {
  for (const char* body : {"<html>502 Bad Gateway</html>", "", "{}", "[1,2]", "{\"data\":null}"}) {
    auto page = ParsePage(body);
    ASSERT_FALSE(page) << body;
    EXPECT_EQ(page.error().kind, ErrorKind::kTransient) << body;
  }
}

TEST(ResponseParserTest, GraphqlErrorNamesTheArgumentAndSaysWhatToDo) {
  std::string body =
      R"({"errors":[{"message":"Unknown argument \"occurredAtLte\" on field \"allTimelineEntries\".",)"
      R"("locations":[{"line":1,"column":20}],"path":["allTimelineEntries"]}],"data":null})";
  auto page = ParsePage(body);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ErrorKind::kConfig);
  EXPECT_NE(page.error().message.find("argument \"occurredAtLte\""), std::string::npos)
      << page.error().message;
  EXPECT_NE(page.error().message.find("--api"), std::string::npos);
  EXPECT_NE(page.error().message.find("path allTimelineEntries"), std::string::npos);
}

TEST(ResponseParserTest, GraphqlErrorsWinOverPartialData) {
  std::string body =
      R"({"data":{"allTimelineEntries":{"totalCount":5}},"errors":[{"message":"Cannot query )"
      R"(field \"colour\" on type \"TimelineEntry\"."}]})";
  auto count = ParseCount(body);
  ASSERT_FALSE(count);
  EXPECT_EQ(count.error().kind, ErrorKind::kConfig);
  EXPECT_NE(count.error().message.find("field \"colour\""), std::string::npos);
}

TEST(ResponseParserTest, GraphqlPermissionErrorIsAuth) {
  auto e = ClassifyGraphqlErrors({{"You are not authorized to access allUsers", "allUsers"}});
  EXPECT_EQ(e.kind, ErrorKind::kAuth);
  auto other = ClassifyGraphqlErrors({{"Internal failure", ""}});
  EXPECT_EQ(other.kind, ErrorKind::kPermanent);
  EXPECT_NE(other.message.find("rerun"), std::string::npos);
}

TEST(ResponseParserTest, CountAndUsers) {
  auto count = ParseCount(R"({"data":{"allTimelineEntries":{"totalCount":9943}}})");
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 9943);
  auto users = ParseUsers(
      R"({"data":{"allUsers":[)"
      R"({"id":"usr_1","firstName":"Ann","lastName":null,"email":"a@x","accessLevel":"ADMIN",)"
      R"("status":"ACTIVE"},{"id":"usr_2","accessLevel":null,"status":"INACTIVE"}]}})");
  ASSERT_TRUE(users) << users.error().message;
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].first_name, "Ann");
  EXPECT_EQ((*users)[0].last_name, "");
  EXPECT_EQ((*users)[0].access_level, "ADMIN");
  EXPECT_EQ((*users)[0].status, "ACTIVE");
  EXPECT_FALSE((*users)[1].access_level);  // nullable fields null are ordinary
  EXPECT_EQ((*users)[1].status, "INACTIVE");
}

TEST(ResponseParserTest, UsersWithoutAnIdAreAnIncompleteAnswer) {
  auto users = ParseUsers(R"({"data":{"allUsers":[{"firstName":"Ann","status":"ACTIVE"}]}})");
  ASSERT_FALSE(users);
  EXPECT_EQ(users.error().kind, ErrorKind::kTransient);
}

TEST(ResponseParserTest, NullItemsOfNodesAreCountedAndKeptAsDefects) {
  auto page = ParsePage(
      R"({"data":{"allTimelineEntries":{"totalCount":2,"pageInfo":{"hasNextPage":false,)"
      R"("endCursor":"c"},"nodes":[null,{"id":"tme_1","occurredAt":"2024-01-01T00:00:00Z",)"
      R"("type":"INVOICE","client":{"id":null}}]}}})");
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->null_items, 1);
  ASSERT_EQ(page->nodes.size(), 2u);
  EXPECT_EQ(page->nodes[0].defect, kNullItemDefect);
  EXPECT_EQ(page->nodes[1].defect, "");  // client.id is nullable in the schema
  EXPECT_FALSE(page->nodes[1].client_id);
}

TEST(NodeParserTest, NotJsonKeepsTheRawLine) {
  ApiNode n = ParseNode("{\"id\":\"tme_1\",\"occ");
  EXPECT_NE(n.defect.find("not a JSON object"), std::string::npos);
  EXPECT_EQ(n.raw, "{\"id\":\"tme_1\",\"occ");
  EXPECT_EQ(n.id, "");
}

TEST(NodeParserTest, UnknownFieldsAreIgnoredButKeptInRaw) {
  std::string json =
      R"({"id":"tme_1","extra":{"deep":[1,2,{"a":"b"}]},"occurredAt":"2016-01-01T00:00:00Z",)"
      R"("type":"INVOICE"})";
  ApiNode n = ParseNode(json);
  EXPECT_EQ(n.defect, "");
  EXPECT_EQ(n.raw, json);
  EXPECT_EQ(n.type, "INVOICE");
}

}  // namespace
}  // namespace gb
