#include "source/graphql_query.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace gb {
namespace {

TEST(GraphqlQueryTest, PageBodyCarriesDocumentAndOnlyGivenVariables) {
  PageRequest request;
  request.first = 100;
  request.after = "cursor-1";
  request.filter.types = {"APPOINTMENT", "INVOICE"};
  request.filter.occurred_at_get = "2016-01-01T00:00:00Z";
  auto body = nlohmann::json::parse(TimelinePageBody(request));
  std::string query = body["query"];
  EXPECT_NE(query.find("allTimelineEntries(first: $first, after: $after, occurredAtGet: "
                       "$occurredAtGet, types: $types, clientId: $clientId)"),
            std::string::npos);
  EXPECT_NE(query.find("nodes { ...EntryFields }"), std::string::npos);
  EXPECT_NE(query.find("fragment EntryFields on PrivateTimelineEntry"), std::string::npos);
  for (const char* field :
       {"totalCount", "hasNextPage", "endCursor", "occurredAt", "summary", "comment",
        "client { id }", "piano { id }", "user { id }", "invoice { id }", "estimate { id }"}) {
    EXPECT_NE(query.find(field), std::string::npos) << field;
  }
  EXPECT_NE(query.find("$types: [TimelineEntryType!]"), std::string::npos);
  EXPECT_NE(query.find("$occurredAtGet: CoreDateTime"), std::string::npos);
  const auto& v = body["variables"];
  EXPECT_EQ(v["first"], 100);
  EXPECT_EQ(v["after"], "cursor-1");
  EXPECT_EQ(v["types"], nlohmann::json({"APPOINTMENT", "INVOICE"}));
  EXPECT_EQ(v["occurredAtGet"], "2016-01-01T00:00:00Z");
  EXPECT_FALSE(v.contains("clientId"));
}

TEST(GraphqlQueryTest, CountBodyAsksOnlyTotalCount) {
  TimelineFilter filter;
  filter.client_id = "cli_1";
  auto body = nlohmann::json::parse(TimelineCountBody(filter));
  std::string query = body["query"];
  EXPECT_NE(query.find("totalCount"), std::string::npos);
  EXPECT_EQ(query.find("nodes"), std::string::npos);
  EXPECT_EQ(body["variables"]["first"], 1);
  EXPECT_EQ(body["variables"]["clientId"], "cli_1");
  EXPECT_FALSE(body["variables"].contains("after"));
}

TEST(GraphqlQueryTest, UsersBodyAsksThePlainListWithAccessLevelAndStatus) {
  auto body = nlohmann::json::parse(UsersBody());
  std::string query = body["query"];
  EXPECT_NE(query.find("allUsers { id firstName lastName email accessLevel status }"),
            std::string::npos);
  EXPECT_EQ(query.find("role"), std::string::npos);
  EXPECT_TRUE(body["variables"].empty());
}

TEST(GraphqlQueryTest, InvalidUtf8InAFilterDoesNotThrow) {
  TimelineFilter filter;
  filter.client_id = std::string("cli_\xff\xfe");
  EXPECT_NO_THROW(nlohmann::json::parse(TimelineCountBody(filter)));
}

}  // namespace
}  // namespace gb
