// allTimelineEntries / allUsers answered in-process: fields, pagination, filters, errors.
#include <gtest/gtest.h>

#include <set>

#include "core/iso_time.h"
#include "sim_test_util.h"

namespace gb::sim {
namespace {

using testing::Ask;
using testing::json;

SimOptions Small(double scale = 0.01) {
  SimOptions o;
  o.seed = 42;
  o.scale = scale;
  return o;
}

// Pages through a filter and checks completeness: pages sum to totalCount, no
// duplicate, no gap (the end cursor chain), newest first.
std::vector<json> PageAll(SimServer& sim, json vars) {
  std::vector<json> all;
  int64_t total = -1;
  vars["first"] = 100;
  for (int page = 0; page < 10000; ++page) {
    json data = Ask(sim, testing::kPageQuery, vars)["data"]["allTimelineEntries"];
    if (total < 0) total = data["totalCount"].get<int64_t>();
    EXPECT_EQ(data["totalCount"].get<int64_t>(), total);
    for (auto& n : data["nodes"]) all.push_back(n);
    if (!data["pageInfo"]["hasNextPage"].get<bool>()) break;
    vars["after"] = data["pageInfo"]["endCursor"];
  }
  EXPECT_EQ(static_cast<int64_t>(all.size()), total);
  std::set<std::string> ids;
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_TRUE(ids.insert(all[i]["id"].get<std::string>()).second) << "duplicate " << all[i];
    if (i > 0) {
      EXPECT_GE(all[i - 1]["occurredAt"].get<std::string>(),
                all[i]["occurredAt"].get<std::string>());
    }
  }
  return all;
}

TEST(SimQueryTest, OnlyRequestedFieldsUnderTheirAliases) {
  SimServer sim(Small());
  json r = Ask(
      sim, "{ t: allTimelineEntries(first: 2) { n: nodes { id when: occurredAt piano { id } } } }");
  ASSERT_FALSE(r.contains("errors")) << r;
  const json& nodes = r["data"]["t"]["n"];
  ASSERT_EQ(nodes.size(), 2u);
  for (const auto& n : nodes) {
    EXPECT_EQ(n.size(), 3u);
    EXPECT_TRUE(n.contains("id") && n.contains("when") && n.contains("piano"));
    EXPECT_TRUE(ParseIsoUtc(n["when"].get<std::string>()));
  }
}

TEST(SimQueryTest, NodesAndEdgesGiveTheSameEntriesAndCursorsChain) {
  SimServer sim(Small());
  json a = Ask(sim, "{ allTimelineEntries(first: 5) { nodes { id } } }");
  json b = Ask(sim, R"(query { allTimelineEntries(first: 5) { edges { cursor node { id type } }
                               pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } })");
  const json& edges = b["data"]["allTimelineEntries"]["edges"];
  ASSERT_EQ(edges.size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(edges[i]["node"]["id"], a["data"]["allTimelineEntries"]["nodes"][i]["id"]);
  }
  const json& info = b["data"]["allTimelineEntries"]["pageInfo"];
  EXPECT_EQ(info["endCursor"], edges[4]["cursor"]);
  EXPECT_EQ(info["startCursor"], edges[0]["cursor"]);
  EXPECT_TRUE(info["hasNextPage"].get<bool>());
  EXPECT_FALSE(info["hasPreviousPage"].get<bool>());
  json next =
      Ask(sim, "query($c: String) { allTimelineEntries(first: 1, after: $c) { nodes { id } } }",
          {{"c", edges[2]["cursor"]}});
  EXPECT_EQ(next["data"]["allTimelineEntries"]["nodes"][0]["id"], edges[3]["node"]["id"]);
}

TEST(SimQueryTest, PaginationIsCompleteWithoutFilters) {
  SimServer sim(Small());
  auto all = PageAll(sim, json::object());
  EXPECT_EQ(static_cast<int64_t>(all.size()), sim.dataset().base_size());
}

TEST(SimQueryTest, PaginationIsCompleteWithTypesClientAndTimeFilters) {
  SimServer sim(Small(0.03));
  auto by_types = PageAll(sim, {{"types", {"SERVICE_ENTRY_MANUAL", "APPOINTMENT"}}});
  EXPECT_GT(by_types.size(), 100u);
  for (const auto& n : by_types) {
    EXPECT_TRUE(n["type"] == "SERVICE_ENTRY_MANUAL" || n["type"] == "APPOINTMENT") << n;
  }
  std::string client = by_types[0]["client"]["id"];
  auto by_client = PageAll(sim, {{"clientId", client}});
  EXPECT_GE(by_client.size(), 1u);
  for (const auto& n : by_client) EXPECT_EQ(n["client"]["id"], client);
  auto since = PageAll(sim, {{"since", "2025-01-01T00:00:00Z"}, {"types", {"INVOICE"}}});
  for (const auto& n : since) {
    EXPECT_GE(n["occurredAt"].get<std::string>(), "2025-01-01T00:00:00Z");
    EXPECT_EQ(n["type"], "INVOICE");
  }
  EXPECT_TRUE(PageAll(sim, {{"clientId", "cli_doesnotexist12"}}).empty());
}

TEST(SimQueryTest, PerYearTotalsFromOccurredAtGetDifferencesAtScaleOne) {
  SimServer sim(Small(1.0));
  const int64_t design[] = {9943,  21917, 25447, 29722, 26417, 27989,
                            32012, 28313, 26034, 52428, 2411};
  auto count_since = [&](int year) {
    json r = Ask(sim,
                 "query($s: CoreDateTime) { allTimelineEntries(occurredAtGet: $s, first: 0) { "
                 "totalCount } }",
                 {{"s", std::to_string(year) + "-01-01T00:00:00Z"}});
    return r["data"]["allTimelineEntries"]["totalCount"].get<int64_t>();
  };
  for (int year = 2016; year <= 2026; ++year) {
    EXPECT_EQ(count_since(year) - count_since(year + 1), design[year - 2016]) << year;
  }
}

TEST(SimQueryTest, AllUsersIsAPlainListOfPrivateUser) {
  SimServer sim(Small());
  json r = Ask(sim,
               "{ allUsers { __typename id firstName lastName fullName email accessLevel status "
               "createdAt flags { __typename } } }");
  ASSERT_FALSE(r.contains("errors")) << r;
  const json& users = r["data"]["allUsers"];
  ASSERT_EQ(users.size(), sim.dataset().users().size());
  EXPECT_EQ(users[0]["__typename"], "PrivateUser");
  EXPECT_TRUE(users[0]["id"].get<std::string>().starts_with("usr_"));
  EXPECT_EQ(users[0]["fullName"], users[0]["firstName"].get<std::string>() + " " +
                                      users[0]["lastName"].get<std::string>());
  EXPECT_EQ(users[0]["accessLevel"], "ADMIN");
  EXPECT_EQ(users[0]["status"], "ACTIVE");
  EXPECT_TRUE(users[0]["createdAt"].is_string());  // a field without data: a plausible value
  EXPECT_EQ(users[0]["flags"]["__typename"], "PrivateUserFlags");
  EXPECT_TRUE(Ask(sim, "{ allUsers(first: 3) { id } }").contains("errors"));
}

TEST(SimQueryTest, RealTypeNamesAndFieldsWithoutData) {
  SimServer sim(Small());
  json r = Ask(sim,
               "{ __typename allTimelineEntries(first: 2) { __typename nodes { __typename id "
               "appointment { id } duration emailStatus user { fullName } client { __typename "
               "id companyName } } pageInfo { __typename } } }");
  ASSERT_FALSE(r.contains("errors")) << r;
  EXPECT_EQ(r["data"]["__typename"], "PrivateQuery");
  const json& conn = r["data"]["allTimelineEntries"];
  EXPECT_EQ(conn["__typename"], "PrivateTimelineEntryConnection");
  EXPECT_EQ(conn["pageInfo"]["__typename"], "PageInfo");
  const json& node = conn["nodes"][0];
  EXPECT_EQ(node["__typename"], "PrivateTimelineEntry");
  EXPECT_TRUE(node["appointment"].is_null());
  EXPECT_TRUE(node["duration"].is_null());
  EXPECT_EQ(node["client"]["__typename"], "PrivateClient");
  EXPECT_TRUE(node["client"]["id"].get<std::string>().starts_with("cli_"));
  EXPECT_TRUE(node["client"]["companyName"].is_null());
}

TEST(SimQueryTest, RootFieldsWithoutDataAnswerEmptyAndMutationsAreAnswered) {
  SimServer sim(Small());
  json r = Ask(sim,
               "{ allErrorLogs(first: 5) { totalCount nodes { id } edges { cursor } pageInfo { "
               "hasNextPage endCursor } } allEvents { id } client(id: \"cli_x\") { id } "
               "badgeCount { __typename } }");
  ASSERT_FALSE(r.contains("errors")) << r;
  EXPECT_EQ(r["data"]["allErrorLogs"]["totalCount"], 0);
  EXPECT_TRUE(r["data"]["allErrorLogs"]["nodes"].empty());
  EXPECT_TRUE(r["data"]["allErrorLogs"]["edges"].empty());
  EXPECT_FALSE(r["data"]["allErrorLogs"]["pageInfo"]["hasNextPage"].get<bool>());
  EXPECT_TRUE(r["data"]["allEvents"].empty());
  EXPECT_TRUE(r["data"]["client"].is_null());
  EXPECT_EQ(r["data"]["badgeCount"]["__typename"], "PrivateBadgeCount");
  json m = Ask(sim, "mutation { deleteClient(id: \"cli_x\") { mutationErrors { messages } } }");
  ASSERT_FALSE(m.contains("errors")) << m;
  EXPECT_TRUE(m["data"].contains("deleteClient"));
}

TEST(SimQueryTest, IntrospectionAnswersFromTheSchema) {
  SimServer sim(Small());
  json r = Ask(sim,
               "{ __schema { queryType { name } mutationType { name } subscriptionType { name } "
               "types { name } } t: __type(name: \"PrivateUser\") { kind fields { name type { "
               "kind name ofType { kind name } } } } }");
  ASSERT_FALSE(r.contains("errors")) << r;
  EXPECT_EQ(r["data"]["__schema"]["queryType"]["name"], "PrivateQuery");
  EXPECT_EQ(r["data"]["__schema"]["mutationType"]["name"], "PrivateMutation");
  EXPECT_TRUE(r["data"]["__schema"]["subscriptionType"].is_null());
  EXPECT_GE(r["data"]["__schema"]["types"].size(), 718u);
  EXPECT_EQ(r["data"]["t"]["kind"], "OBJECT");
  bool status = false;
  for (const auto& f : r["data"]["t"]["fields"]) {
    if (f["name"] != "status") continue;
    status = true;
    EXPECT_EQ(f["type"]["kind"], "NON_NULL");
    EXPECT_EQ(f["type"]["ofType"]["name"], "UserStatus");
  }
  EXPECT_TRUE(status);
}

TEST(SimQueryTest, SameSeedSameBytes) {
  SimServer a(Small()), b(Small());
  std::string q = testing::Body(
      "{ allTimelineEntries(first: 100) { nodes { id occurredAt type summary "
      "comment client { id } piano { id } user { id } invoice { id } } } }");
  EXPECT_EQ(a.Answer(q).second, b.Answer(q).second);
  SimOptions other = Small();
  other.seed = 43;
  SimServer c(other);
  EXPECT_NE(a.Answer(q).second, c.Answer(q).second);
}

TEST(SimQueryTest, HostileNodesAreValidJsonOverTheWire) {
  SimOptions o = Small();
  o.hostile = true;
  SimServer sim(o);
  auto [status, body] =
      sim.Answer(testing::Body("{ allTimelineEntries(first: 1000) { nodes { id occurredAt type "
                               "summary comment client { id } } } }"));
  ASSERT_EQ(status, 200);
  // The unpaired surrogate escape is the one deliberate deviation (strict
  // parsers refuse it); everything else must be valid JSON.
  ASSERT_NE(body.find("\\ud800"), std::string::npos);
  for (auto at = body.find("\\ud800"); at != std::string::npos; at = body.find("\\ud800")) {
    body.replace(at, 6, "\\ufffd");
  }
  json r = json::parse(body);  // throws (fails the test) if any other escape is wrong
  EXPECT_EQ(r["data"]["allTimelineEntries"]["nodes"].size(), 1000u);
  EXPECT_NE(body.find("\\u0000"), std::string::npos);
}

TEST(SimQueryTest, NewEntriesArriveAtTheTopAndShiftOffsets) {
  SimServer sim(Small());
  json first = Ask(sim, testing::kPageQuery, {{"first", 10}});
  std::string cursor = first["data"]["allTimelineEntries"]["pageInfo"]["endCursor"];
  int64_t total = first["data"]["allTimelineEntries"]["totalCount"];
  sim.AddEntries(3);
  json again = Ask(sim, testing::kPageQuery, {{"first", 10}, {"after", cursor}});
  EXPECT_EQ(again["data"]["allTimelineEntries"]["totalCount"].get<int64_t>(), total + 3);
  // The offset now points 3 entries higher: the last 3 of the first page come again.
  EXPECT_EQ(again["data"]["allTimelineEntries"]["nodes"][0]["id"],
            first["data"]["allTimelineEntries"]["nodes"][7]["id"]);
  json top = Ask(sim, testing::kPageQuery, {{"first", 1}});
  EXPECT_GT(top["data"]["allTimelineEntries"]["nodes"][0]["occurredAt"].get<std::string>(),
            first["data"]["allTimelineEntries"]["nodes"][0]["occurredAt"].get<std::string>());
}

}  // namespace
}  // namespace gb::sim

namespace gb::sim {
namespace {

// --cursor-style opaque: a cursor is bound to the filter that issued it.
TEST(SimCursorStyleTest, OpaqueCursorsAreRefusedUnderAnotherFilter) {
  for (CursorStyle style : {CursorStyle::kOffset, CursorStyle::kOpaque}) {
    SimOptions o = Small();
    o.cursor_style = style;
    SimServer sim(o);
    json narrow = Ask(sim, testing::kPageQuery,
                      {{"first", 5}, {"types", {"INVOICE"}}, {"since", "2024-01-01T00:00:00Z"}});
    const json cursor = narrow["data"]["allTimelineEntries"]["pageInfo"]["endCursor"];
    json same = Ask(sim, testing::kPageQuery,
                    {{"first", 5},
                     {"after", cursor},
                     {"types", {"INVOICE"}},
                     {"since", "2024-01-01T00:00:00Z"}});
    EXPECT_FALSE(same.contains("errors")) << same;
    json wider = Ask(sim, testing::kPageQuery,
                     {{"first", 5},
                      {"after", cursor},
                      {"types", {"INVOICE"}},
                      {"since", "2016-01-01T00:00:00Z"}});
    if (style == CursorStyle::kOffset) {
      EXPECT_FALSE(wider.contains("errors")) << wider;
    } else {
      ASSERT_TRUE(wider.contains("errors")) << wider;
      EXPECT_TRUE(wider["data"].is_null());
      EXPECT_NE(wider["errors"][0]["message"].get<std::string>().find("Invalid cursor"),
                std::string::npos);
    }
  }
}

// --null-share: null items in nodes/edges and nulls in nullable fields, never
// in non-null ones; deterministic per entity.
TEST(SimNullShareTest, NullsOnlyWhereTheSchemaAllows) {
  SimOptions o = Small(0.02);
  o.null_share = 0.3;
  SimServer sim(o);
  int null_items = 0, null_summaries = 0, null_client_ids = 0, nodes = 0;
  for (int i = 0; i < 20; ++i) {
    json r = Ask(sim,
                 "{ allTimelineEntries(first: 50) { totalCount nodes { id occurredAt type summary "
                 "client { id } } pageInfo { hasNextPage endCursor } } }");
    const json& conn = r["data"]["allTimelineEntries"];
    EXPECT_FALSE(conn["pageInfo"]["endCursor"].is_null());
    for (const json& n : conn["nodes"]) {
      ++nodes;
      if (n.is_null()) {
        ++null_items;
        continue;
      }
      EXPECT_FALSE(n["id"].is_null());
      EXPECT_FALSE(n["occurredAt"].is_null());
      EXPECT_FALSE(n["client"].is_null());  // PrivateClient! is non-null
      null_summaries += n["summary"].is_null() ? 1 : 0;
      null_client_ids += n["client"]["id"].is_null() ? 1 : 0;
    }
  }
  EXPECT_GT(null_items, 0);
  EXPECT_LE(null_items, 20);  // at most one per page
  EXPECT_GT(null_summaries, nodes / 10);
  EXPECT_GT(null_client_ids, nodes / 10);
  json users = Ask(sim, "{ allUsers { id status accessLevel } }");
  for (const json& u : users["data"]["allUsers"]) {
    EXPECT_FALSE(u.is_null());
    EXPECT_FALSE(u["status"].is_null());
  }
}

}  // namespace
}  // namespace gb::sim
