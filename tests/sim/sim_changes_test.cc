// POST /admin/changes through the real server, read back with the loader's
// kind of queries: pages of 500 with cursors, per-month counts as aliases of
// occurredAtGet totals, and the objects entries name.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "core/iso_time.h"
#include "sim_test_util.h"

namespace gb::sim {
namespace {

using testing::json;

struct Seen {
  std::string occurred_at;
  json comment, client, piano, user;
};

class SimChangesTest : public ::testing::Test {
 public:
  void SetUp() override {
    SimOptions o;
    o.scale = 0.02;
    sim_ = std::make_unique<SimServer>(o);
    ASSERT_TRUE(sim_->Start());
  }
  json Graphql(const std::string& query, const json& variables = json::object()) {
    auto res = testing::PostGraphql(*sim_, testing::Body(query, variables),
                                    sim_->credentials().access_token);
    EXPECT_TRUE(res && res->status == 200);
    json answer = json::parse(res->body);
    EXPECT_FALSE(answer.contains("errors")) << res->body;
    return answer["data"];
  }
  httplib::Result Post(const std::string& path, const std::string& body) {
    httplib::Client client(sim_->BaseUrl());
    return client.Post(path, body, "application/json");
  }
  // The whole timeline, newest first, in pages of 500 as the loader reads it.
  std::map<std::string, Seen> Sweep(int64_t* total) {
    std::map<std::string, Seen> seen;
    json after = nullptr;
    for (bool more = true; more;) {
      json page = Graphql(R"(query P($after: String) {
          allTimelineEntries(first: 500, after: $after) {
            totalCount pageInfo { hasNextPage endCursor }
            nodes { id occurredAt comment client { id } piano { id } user { id } } } })",
                          {{"after", after}})["allTimelineEntries"];
      *total = page["totalCount"];
      for (const json& n : page["nodes"]) {
        seen[n["id"]] = {n["occurredAt"], n["comment"], n["client"], n["piano"], n["user"]};
      }
      more = page["pageInfo"]["hasNextPage"];
      after = page["pageInfo"]["endCursor"];
    }
    return seen;
  }
  // Entries per month ("2025-11"), each the difference of two occurredAtGet
  // totals asked together as aliases, a year a request.
  std::map<std::string, int64_t> MonthCounts() {
    std::map<std::string, int64_t> since;  // totalCount(occurredAtGet >= the month's start)
    for (int year = 2016; year <= 2026; ++year) {
      std::string query = "{";
      for (int m = 1; m <= 12; ++m) {
        query += fmt::format(
            " m{:02}: allTimelineEntries(first: 1, occurredAtGet: \"{}-{:02}-01"
            "T00:00:00Z\") {{ totalCount }}",
            m, year, m);
      }
      json data = Graphql(query + " }");
      for (int m = 1; m <= 12; ++m)
        since[fmt::format("{}-{:02}", year, m)] = data[fmt::format("m{:02}", m)]["totalCount"];
    }
    std::map<std::string, int64_t> per_month;
    for (auto it = since.begin(); it != since.end(); ++it) {
      auto next = std::next(it);
      per_month[it->first] = it->second - (next == since.end() ? 0 : next->second);
    }
    return per_month;
  }

  std::unique_ptr<SimServer> sim_;
};

std::string Month(const std::string& iso) { return iso.substr(0, 7); }

TEST_F(SimChangesTest, TheLoadersQueriesSeeEveryChangeExactly) {
  int64_t total_before = 0, total_after = 0;
  const auto before = Sweep(&total_before);
  const auto months_before = MonthCounts();
  auto res = Post("/admin/changes",
                  R"({"new": 3, "backdated": 4, "backdated_days": 60, "edited": 5, "deleted": 6})");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
  const json applied = json::parse(res->body);
  ASSERT_EQ(applied["new"].size(), 3u);
  ASSERT_EQ(applied["backdated"].size(), 4u);
  ASSERT_EQ(applied["edited"].size(), 5u);
  ASSERT_EQ(applied["deleted"].size(), 6u);
  const int64_t now = *ParseIsoUtc(applied["now"].get<std::string>());
  const std::string backdated_month = Month(FormatIsoUtc(now - 60 * 86400 - 60));

  const auto after = Sweep(&total_after);
  EXPECT_EQ(total_after, total_before + 3 + 4 - 6);
  EXPECT_EQ(static_cast<int64_t>(after.size()), total_after);
  std::map<std::string, int64_t> expected_diff;
  for (const json& id : applied["deleted"]) {
    ASSERT_TRUE(before.count(id)) << id;
    EXPECT_FALSE(after.count(id)) << id << " is in no page";
    --expected_diff[Month(before.at(id).occurred_at)];
  }
  for (const char* kind : {"new", "backdated"}) {
    for (const json& id : applied[kind]) {
      EXPECT_FALSE(before.count(id)) << id;
      ASSERT_TRUE(after.count(id)) << id;
      ++expected_diff[Month(after.at(id).occurred_at)];
    }
  }
  for (const json& id : applied["backdated"])
    EXPECT_EQ(Month(after.at(id).occurred_at), backdated_month);
  std::set<std::string> edited;
  for (const json& id : applied["edited"]) {
    edited.insert(id);
    ASSERT_TRUE(after.count(id));
    EXPECT_EQ(after.at(id).occurred_at, before.at(id).occurred_at);
    EXPECT_NE(after.at(id).comment, before.at(id).comment);
  }
  for (const auto& [id, seen] : after) {
    if (before.count(id) && !edited.count(id)) ASSERT_EQ(seen.comment, before.at(id).comment) << id;
  }
  const auto months_after = MonthCounts();
  for (const auto& [month, count] : months_after) {
    EXPECT_EQ(count - months_before.at(month), expected_diff[month]) << month;
  }
  EXPECT_GT(expected_diff[backdated_month], 0);
}

TEST_F(SimChangesTest, NewEntriesNameObjectsTheAccountLists) {
  auto res = Post("/admin/changes", R"({"new": 20, "backdated": 20, "backdated_days": 400})");
  ASSERT_TRUE(res && res->status == 200);
  const json applied = json::parse(res->body);
  int64_t total = 0;
  const auto after = Sweep(&total);
  std::set<std::string> users;
  const json listed = Graphql("{ allUsers { id } }");
  for (const json& u : listed["allUsers"]) users.insert(u["id"]);
  ASSERT_FALSE(users.empty());
  for (const char* kind : {"new", "backdated"}) {
    for (const json& id : applied[kind]) {
      const Seen& e = after.at(id);
      json found = Graphql(
          R"(query O($c: String, $p: String) {
          client(id: $c) { id } piano(id: $p) { id } })",
          {{"c", e.client["id"]}, {"p", e.piano.is_null() ? json(nullptr) : e.piano["id"]}});
      EXPECT_FALSE(found["client"].is_null()) << e.client;
      if (!e.piano.is_null()) {
        EXPECT_FALSE(found["piano"].is_null()) << e.piano;
      }
      if (!e.user.is_null()) {
        EXPECT_TRUE(users.count(e.user["id"])) << kind << " " << id << " " << e.user;
      }
    }
  }
}

TEST_F(SimChangesTest, TheSameCallsOnTheSameDatasetTouchTheSameIds) {
  const std::string body = R"({"new": 2, "backdated": 2, "edited": 2, "deleted": 2})";
  auto first = json::parse(Post("/admin/changes", body)->body);
  auto second = json::parse(Post("/admin/changes", body)->body);
  SimOptions o;
  o.scale = 0.02;
  SimServer other(o);
  EXPECT_EQ(AppliedToJson(other.ApplyChanges(*ParseChangeRequest(json::parse(body)))), first);
  EXPECT_EQ(AppliedToJson(other.ApplyChanges(*ParseChangeRequest(json::parse(body)))), second);
  EXPECT_NE(first["deleted"], second["deleted"]);
}

// Every client or piano (CREATED_AT_ASC, pages of 500) as id -> node.
std::map<std::string, json> SweepObjects(SimChangesTest* t, const std::string& root,
                                         const std::string& fields, int64_t* total);

TEST_F(SimChangesTest, NewAndEditedClientsAndPianosAreListedAndCounted) {
  int64_t clients_before = 0, pianos_before = 0, clients_after = 0, pianos_after = 0;
  const std::string client_fields = "id personalNotes createdAt updatedAt allPianos { totalCount }";
  const std::string piano_fields = "id notes createdAt updatedAt client { id }";
  const auto clients0 = SweepObjects(this, "allClients", client_fields, &clients_before);
  const auto pianos0 = SweepObjects(this, "allPianos", piano_fields, &pianos_before);
  auto res =
      Post("/admin/changes",
           R"({"clients_new": 2, "clients_edited": 3, "pianos_new": 4, "pianos_edited": 3})");
  ASSERT_TRUE(res && res->status == 200);
  const json applied = json::parse(res->body);
  ASSERT_EQ(applied["clients_new"].size(), 2u);
  ASSERT_EQ(applied["pianos_new"].size(), 4u);
  const auto clients1 = SweepObjects(this, "allClients", client_fields, &clients_after);
  const auto pianos1 = SweepObjects(this, "allPianos", piano_fields, &pianos_after);
  EXPECT_EQ(clients_after, clients_before + 2);
  EXPECT_EQ(pianos_after, pianos_before + 4);
  EXPECT_EQ(static_cast<int64_t>(clients1.size()), clients_after);
  EXPECT_EQ(static_cast<int64_t>(pianos1.size()), pianos_after);
  for (const json& id : applied["clients_new"]) {
    EXPECT_FALSE(clients0.count(id));
    ASSERT_TRUE(clients1.count(id));
    EXPECT_GE(clients1.at(id)["createdAt"].get<std::string>(), applied["now"].get<std::string>());
  }
  for (const json& id : applied["clients_edited"]) {
    ASSERT_TRUE(clients1.count(id));
    if (!clients0.count(id)) continue;
    EXPECT_NE(clients1.at(id)["personalNotes"], clients0.at(id)["personalNotes"]);
    EXPECT_EQ(clients1.at(id)["updatedAt"], applied["now"]);
  }
  std::map<std::string, int> added_per_client;
  for (const json& id : applied["pianos_new"]) {
    EXPECT_FALSE(pianos0.count(id));
    ASSERT_TRUE(pianos1.count(id));
    const std::string client = pianos1.at(id)["client"]["id"];
    ASSERT_TRUE(clients1.count(client)) << "a new piano's client exists";
    ++added_per_client[client];
  }
  for (const auto& [client, added] : added_per_client) {
    const int64_t before =
        clients0.count(client) ? clients0.at(client)["allPianos"]["totalCount"].get<int64_t>() : 0;
    EXPECT_EQ(clients1.at(client)["allPianos"]["totalCount"].get<int64_t>(), before + added);
  }
  for (const json& id : applied["pianos_edited"]) {
    ASSERT_TRUE(pianos1.count(id));
    if (pianos0.count(id)) {
      EXPECT_NE(pianos1.at(id)["notes"], pianos0.at(id)["notes"]);
    }
    EXPECT_EQ(pianos1.at(id)["updatedAt"], applied["now"]);
  }
  // The creation-date filter of the loader finds exactly the new ones on the day of "now".
  const std::string day = applied["now"].get<std::string>().substr(0, 10);
  json since = Graphql(R"(query S($d: CoreDate) {
      c: allClients(first: 100, filters: {createdGet: $d}) { totalCount nodes { id } }
      p: allPianos(first: 100, filters: {createdGet: $d}) { totalCount } })",
                       {{"d", day}});
  EXPECT_EQ(since["c"]["totalCount"], 2);
  EXPECT_EQ(since["p"]["totalCount"], 4);
  json found = Graphql(R"(query F($c: String, $p: String) { client(id: $c) { id } piano(id: $p) {
      id } })",
                       {{"c", applied["clients_new"][0]}, {"p", applied["pianos_new"][0]}});
  EXPECT_EQ(found["client"]["id"], applied["clients_new"][0]);
  EXPECT_EQ(found["piano"]["id"], applied["pianos_new"][0]);
}

std::map<std::string, json> SweepObjects(SimChangesTest* t, const std::string& root,
                                         const std::string& fields, int64_t* total) {
  std::map<std::string, json> seen;
  json after = nullptr;
  for (bool more = true; more;) {
    json page = t->Graphql("query P($after: String) { " + root +
                               "(first: 500, after: $after, sortBy: [CREATED_AT_ASC]) { totalCount "
                               "pageInfo { hasNextPage endCursor } nodes { " +
                               fields + " } } }",
                           {{"after", after}})[root];
    *total = page["totalCount"];
    for (const json& n : page["nodes"]) seen[n["id"]] = n;
    more = page["pageInfo"]["hasNextPage"];
    after = page["pageInfo"]["endCursor"];
  }
  return seen;
}

TEST_F(SimChangesTest, BadRequestsAreRefusedAndChangeNothing) {
  EXPECT_EQ(Post("/admin/changes", R"({"neww": 1})")->status, 400);
  EXPECT_EQ(Post("/admin/changes", R"({"new": -1})")->status, 400);
  EXPECT_EQ(Post("/admin/changes", R"({"deleted": "3"})")->status, 400);
  EXPECT_EQ(Post("/admin/changes", R"([1])")->status, 400);
  EXPECT_EQ(Post("/admin/changes", "not json")->status, 400);
  auto empty = Post("/admin/changes", "");
  ASSERT_EQ(empty->status, 200);
  EXPECT_EQ(json::parse(empty->body)["new"], json::array());
  EXPECT_EQ(sim_->stats().deleted + sim_->stats().arrived + sim_->stats().edited, 0);
}

TEST(SimChangesTickerTest, ChangesAreAppliedAtTheGivenPace) {
  SimOptions o;
  o.scale = 0.01;
  o.changes.fresh = 1;
  o.changes.deleted = 2;
  o.changes.backdated = 1;
  o.changes_every_ms = 30;
  SimServer sim(o);
  ASSERT_TRUE(sim.Start());
  for (int i = 0; i < 500 && sim.stats().arrived < 3; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  sim.Stop();
  const SimStats s = sim.stats();
  EXPECT_GE(s.arrived, 3);
  EXPECT_EQ(s.deleted, 2 * s.arrived);
  EXPECT_EQ(s.backdated, s.arrived);
}

}  // namespace
}  // namespace gb::sim
