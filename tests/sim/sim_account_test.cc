// The account's connections (allClients, allPianos, allEventsBatched,
// allInvoices, allEstimates): paging to the end in the requested order, date
// filters at their boundaries, refusals of what the simulator does not model,
// the page cap, faults, determinism.
#include <gtest/gtest.h>

#include "core/iso_time.h"
#include "sim_account_util.h"

namespace gb::sim {
namespace {

using testing::Ask;
using testing::json;
using testing::PageAccount;

SimOptions AccountOptions(uint64_t seed = 42) {
  SimOptions o;
  o.seed = seed;
  o.scale = 0.05;
  return o;
}

// Keys in order: non-decreasing, the null ones (if any) last.
void ExpectAscending(const std::vector<json>& nodes, const char* key, const char* root) {
  bool seen_null = false;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i][key].is_null()) {
      seen_null = true;
      continue;
    }
    ASSERT_FALSE(seen_null) << root << ": a dated node after a null one at " << i;
    if (i > 0) {
      EXPECT_LE(nodes[i - 1][key].get<std::string>(), nodes[i][key].get<std::string>())
          << root << " at " << i;
    }
  }
}

TEST(SimAccountTest, EveryConnectionPagesToItsTotalInOrderWithDistinctIds) {
  SimServer sim(AccountOptions());
  for (const auto& root : testing::AccountRoots()) {
    std::string fields = std::string("id ") + root.key;
    auto asc = PageAccount(sim, root, nullptr, root.asc, fields);
    EXPECT_GT(asc.size(), 50u) << root.field;
    EXPECT_EQ(testing::Ids(asc).size(), asc.size()) << root.field << ": duplicate ids";
    ExpectAscending(asc, root.key, root.field);
    auto desc = PageAccount(sim, root, nullptr, root.desc, fields);
    ASSERT_EQ(desc.size(), asc.size()) << root.field;
    for (size_t i = 0; i < asc.size(); ++i)
      EXPECT_EQ(desc[i]["id"], asc[asc.size() - 1 - i]["id"]) << root.field << " at " << i;
  }
}

TEST(SimAccountTest, SomeClientsAndPianosHaveNoCreatedAtListedLastAndNeverFiltered) {
  SimServer sim(AccountOptions());
  for (size_t r = 0; r < 2; ++r) {
    const auto& root = testing::AccountRoots()[r];
    auto all = PageAccount(sim, root);
    size_t nulls = 0;
    for (const auto& n : all) nulls += n["createdAt"].is_null();
    EXPECT_GE(nulls, 1u) << root.field;
    EXPECT_LT(nulls * 100, all.size()) << root.field;  // about 0.5%
    auto bounded = PageAccount(sim, root, {{root.min, "2016-01-01"}});
    EXPECT_EQ(bounded.size(), all.size() - nulls) << root.field;
  }
}

// Each filter against the unfiltered list: bounds inclusive, to the day (UTC).
TEST(SimAccountTest, DateFiltersAreInclusiveAtTheirBoundaries) {
  SimServer sim(AccountOptions());
  for (const auto& root : testing::AccountRoots()) {
    std::string fields = std::string("id ") + root.key;
    auto all = PageAccount(sim, root, nullptr, root.asc, fields);
    ASSERT_GT(all.size(), 10u);
    const std::string day = all[all.size() / 3][root.key].get<std::string>().substr(0, 10);
    auto count_in = [&](const std::string& lo, const std::string& hi) {
      size_t n = 0;
      for (const auto& node : all) {
        if (node[root.key].is_null()) continue;
        std::string d = node[root.key].get<std::string>().substr(0, 10);
        n += (lo.empty() || d >= lo) && (hi.empty() || d <= hi);
      }
      return n;
    };
    auto one_day = PageAccount(sim, root, {{root.min, day}, {root.max, day}}, root.asc, fields);
    ASSERT_GE(one_day.size(), 1u) << root.field << " " << day;
    EXPECT_EQ(one_day.size(), count_in(day, day)) << root.field;
    for (const auto& n : one_day) EXPECT_EQ(n[root.key].get<std::string>().substr(0, 10), day);
    EXPECT_EQ(PageAccount(sim, root, {{root.min, day}}).size(), count_in(day, ""));
    EXPECT_EQ(PageAccount(sim, root, {{root.max, day}}).size(), count_in("", day));
    auto next = FormatIsoUtc(*ParseIsoUtc(day + "T00:00:00Z") + 86400).substr(0, 10);
    EXPECT_EQ(PageAccount(sim, root, {{root.min, next}}).size(), count_in(next, ""));
    EXPECT_EQ(PageAccount(sim, root, {{root.min, "2016-01-01"}, {root.max, "2026-12-31"}}).size(),
              count_in("2016-01-01", "2026-12-31"));
    EXPECT_TRUE(PageAccount(sim, root, {{root.min, next}, {root.max, day}}).empty());
  }
}

TEST(SimAccountTest, UnmodelledFiltersAndSortsAreRefusedByName) {
  SimServer sim(AccountOptions());
  struct Case {
    std::string query, needle;
  } cases[] = {
      {R"({ allClients(first: 5, filters: {search: "Roy"}) { totalCount } })", "filter search"},
      {R"({ allClients(first: 5, sortBy: [CLIENT_NAME_ASC]) { totalCount } })",
       "sortBy CLIENT_NAME_ASC"},
      {R"({ allPianos(first: 5, filters: {clientId: "cli_x"}) { totalCount } })",
       "filter clientId"},
      {R"({ allEventsBatched(first: 5, filters: {startOn: "2020-01-01"}) { totalCount } })",
       "filter startOn"},
      {R"({ allEventsBatched(first: 5, sortBy: [USER_LAST_NAME_ASC]) { totalCount } })",
       "sortBy USER_LAST_NAME_ASC"},
      {R"({ allInvoices(first: 5, filters: {createdBy: ["usr_x"]}) { totalCount } })",
       "filter createdBy"},
      {R"({ allInvoices(first: 5, sortBy: [INVOICE_DATE_ASC]) { totalCount } })",
       "sortBy INVOICE_DATE_ASC"},
      {R"({ allEstimates(first: 5, filters: {archived: false}) { totalCount } })",
       "filter archived"},
      {R"({ allClients(first: 5, sortBy: [CREATED_AT_ASC, CREATED_AT_DESC]) { totalCount } })",
       "one sort value"},
      {R"({ allClients(first: 5, filters: {createdGet: "2020-13-45"}) { totalCount } })",
       "CoreDate"},
      {R"({ allClients(first: 5) { nodes { allPianos(status: [ACTIVE]) { totalCount } } } })",
       "argument 'status'"},
  };
  for (const Case& c : cases) {
    json r = Ask(sim, c.query);
    ASSERT_TRUE(r.contains("errors")) << c.query << " answered " << r.dump().substr(0, 300);
    EXPECT_NE(r["errors"][0]["message"].get<std::string>().find(c.needle), std::string::npos)
        << r["errors"][0]["message"];
    EXPECT_TRUE(r["data"].is_null()) << c.query;  // the connection is non-null
  }
  // A null filter field is no filter.
  json ok = Ask(sim, R"({ allClients(first: 1, filters: {search: null}) { totalCount } })");
  EXPECT_FALSE(ok.contains("errors")) << ok;
}

TEST(SimAccountTest, MaxPageSizeCapsEveryConnectionNestedOnesToo) {
  SimServer sim(AccountOptions());
  FaultOptions f;
  f.max_page_size = 20;
  sim.SetFaults(f);
  for (const auto& root : testing::AccountRoots()) {
    json r = Ask(sim, testing::AccountPageQuery(root, root.asc, "id"), {{"first", 100}});
    EXPECT_EQ(r["data"][root.field]["nodes"].size(), 20u) << root.field;
    EXPECT_TRUE(r["data"][root.field]["pageInfo"]["hasNextPage"].get<bool>());
  }
  json big = Ask(sim, R"(query($id: String) { client(id: $id) { allContacts(first: 50) {
                        totalCount pageInfo { hasNextPage } nodes { id } } } })",
                 {{"id", sim.dataset().ClientId(5)}});  // client 5 has more than 50 contacts
  const json& contacts = big["data"]["client"]["allContacts"];
  EXPECT_GT(contacts["totalCount"].get<int>(), 50);
  EXPECT_EQ(contacts["nodes"].size(), 20u);
  EXPECT_TRUE(contacts["pageInfo"]["hasNextPage"].get<bool>());
  f.max_page_size_refuses = true;
  sim.SetFaults(f);
  json refused = Ask(sim, "{ allInvoices(first: 100) { totalCount } }");
  ASSERT_TRUE(refused.contains("errors"));
  EXPECT_NE(refused["errors"][0]["message"].get<std::string>().find("at most 20"),
            std::string::npos);
}

TEST(SimAccountTest, FaultsApplyToTheAccountsRequestsToo) {
  SimOptions o = AccountOptions();
  o.faults.error_5xx_share = 1;
  SimServer sim(o);
  ASSERT_TRUE(sim.Start());
  const std::string body = testing::Body("{ allClients(first: 5) { totalCount } }");
  auto res = testing::PostGraphql(sim, body, sim.credentials().access_token);
  ASSERT_TRUE(res);
  EXPECT_GE(res->status, 500);
  sim.SetFaults({});
  sim.ExpireTokens();
  res = testing::PostGraphql(sim, body, sim.credentials().access_token);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
}

TEST(SimAccountTest, EdgesCarryCursorsThatChainAndOpaqueCursorsStayWithTheirFilter) {
  SimOptions o = AccountOptions();
  o.cursor_style = CursorStyle::kOpaque;
  SimServer sim(o);
  for (const auto& root : testing::AccountRoots()) {
    EXPECT_FALSE(PageAccount(sim, root).empty()) << root.field;  // opaque cursors page too
    const std::string edges = std::string("query($after: String, $filters: ") + root.filter +
                              ") { " + root.field +
                              "(first: 3, after: $after, filters: $filters) { edges { cursor "
                              "node { id } } pageInfo { endCursor } } }";
    json a = Ask(sim, edges)["data"][root.field];
    ASSERT_EQ(a["edges"].size(), 3u) << root.field;
    EXPECT_EQ(a["pageInfo"]["endCursor"], a["edges"][2]["cursor"]);
    json b = Ask(sim, edges, {{"after", a["edges"][0]["cursor"]}})["data"][root.field];
    EXPECT_EQ(b["edges"][0]["node"]["id"], a["edges"][1]["node"]["id"]) << root.field;
    json other = Ask(sim, edges,
                     {{"after", a["edges"][0]["cursor"]}, {"filters", {{root.min, "2020-01-01"}}}});
    ASSERT_TRUE(other.contains("errors")) << root.field;
    EXPECT_NE(other["errors"][0]["message"].get<std::string>().find("Invalid cursor"),
              std::string::npos);
  }
}

TEST(SimAccountTest, SameSeedSameBytesOtherSeedOtherBytes) {
  auto answers = [](uint64_t seed) {
    SimServer sim(AccountOptions(seed));
    std::string out;
    for (const auto& path : {"clients/clients_page.graphql", "pianos/pianos_page.graphql",
                             "events/events_page.graphql", "invoices/invoices_page.graphql",
                             "estimates/estimates_page.graphql"}) {
      std::string p = path;
      std::string fragment = p.starts_with("clients")    ? "clients/contact_fields.graphql"
                             : p.starts_with("invoices") ? "invoices/invoice_item_fields.graphql"
                                                         : "";
      out +=
          sim.Answer(testing::Body(testing::StreamDocument(p, fragment), {{"first", 100}})).second;
    }
    return out;
  };
  const std::string a = answers(7);
  EXPECT_GT(a.size(), 100000u);
  EXPECT_EQ(a, answers(7));
  EXPECT_NE(a, answers(8));
}

}  // namespace
}  // namespace gb::sim
