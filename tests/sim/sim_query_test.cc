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

TEST(SimQueryTest, AllUsersPagesWithTheSameConnectionShape) {
  SimServer sim(Small());
  json r = Ask(sim,
               "{ allUsers(first: 3) { totalCount nodes { id firstName lastName email role } "
               "pageInfo { hasNextPage endCursor } } }");
  const json& u = r["data"]["allUsers"];
  EXPECT_EQ(u["totalCount"].get<size_t>(), sim.dataset().users().size());
  ASSERT_EQ(u["nodes"].size(), 3u);
  EXPECT_TRUE(u["nodes"][0]["id"].get<std::string>().starts_with("usr_"));
  json rest = Ask(sim, "query($a: String) { allUsers(first: 100, after: $a) { nodes { id } } }",
                  {{"a", u["pageInfo"]["endCursor"]}});
  EXPECT_EQ(rest["data"]["allUsers"]["nodes"].size() + 3, sim.dataset().users().size());
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
