// The account agrees with the timeline and with itself: every object an entry
// names exists, every link between the account's objects names an existing
// object created no later than the one linking to it; nested lists beyond
// their first page are reachable with the loader's follow-up documents; the
// loader's documents (src/streams/) validate and execute; volumes at scale 1.
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "graphql/gazelle_schema.h"
#include "sim/account_content.h"
#include "sim/account_index.h"
#include "sim/account_object.h"
#include "sim_account_util.h"

namespace gb::sim {
namespace {

using testing::Ask;
using testing::json;
using testing::PageAccount;
using testing::StreamDocument;

SimOptions LinkOptions() {
  SimOptions o;
  o.seed = 11;
  o.scale = 0.05;
  return o;
}

const testing::AccountRoot& RootOf(const std::string& field) {
  for (const auto& r : testing::AccountRoots()) {
    if (r.field == field) return r;
  }
  throw std::runtime_error(field);
}

std::set<std::string> Linked(const std::vector<json>& nodes, const char* link) {
  return testing::Ids(nodes, link);
}

void ExpectSubset(const std::set<std::string>& part, const std::set<std::string>& all,
                  const std::string& what) {
  EXPECT_FALSE(part.empty()) << what;
  for (const auto& id : part) EXPECT_TRUE(all.count(id)) << what << ": " << id << " is missing";
}

TEST(SimAccountLinksTest, EveryObjectTheTimelineNamesExists) {
  SimServer sim(LinkOptions());
  auto clients = testing::Ids(PageAccount(sim, RootOf("allClients")));
  auto pianos = testing::Ids(PageAccount(sim, RootOf("allPianos")));
  auto invoices = testing::Ids(PageAccount(sim, RootOf("allInvoices")));
  auto estimates = testing::Ids(PageAccount(sim, RootOf("allEstimates")));
  std::vector<json> entries;
  json vars = {{"first", 100}};
  const char* query = R"(query($first: Int, $after: String) {
      allTimelineEntries(first: $first, after: $after) { pageInfo { hasNextPage endCursor }
        nodes { client { id } piano { id } invoice { id } estimate { id } } } })";
  for (int page = 0; page < 40; ++page) {  // the newest 4,000 entries
    json c = Ask(sim, query, vars)["data"]["allTimelineEntries"];
    for (const auto& n : c["nodes"]) entries.push_back(n);
    if (!c["pageInfo"]["hasNextPage"].get<bool>()) break;
    vars["after"] = c["pageInfo"]["endCursor"];
  }
  ExpectSubset(Linked(entries, "client"), clients, "entry.client");
  ExpectSubset(Linked(entries, "piano"), pianos, "entry.piano");
  ExpectSubset(Linked(entries, "invoice"), invoices, "entry.invoice");
  ExpectSubset(Linked(entries, "estimate"), estimates, "entry.estimate");
}

TEST(SimAccountLinksTest, LinksBetweenTheAccountsObjectsNameExistingOlderObjects) {
  SimServer sim(LinkOptions());
  std::map<std::string, std::string> created;  // client id -> createdAt
  for (const auto& n : PageAccount(sim, RootOf("allClients")))
    created[n["id"].get<std::string>()] =
        n["createdAt"].is_null() ? "" : n["createdAt"].get<std::string>();
  std::set<std::string> clients;
  for (const auto& [id, at] : created) clients.insert(id);
  std::set<std::string> users;
  const json all_users = Ask(sim, "{ allUsers { id } }");
  for (const auto& u : all_users["data"]["allUsers"]) users.insert(u["id"].get<std::string>());
  auto pianos = PageAccount(sim, RootOf("allPianos"), nullptr, "", "id createdAt client { id }");
  auto piano_ids = testing::Ids(pianos);
  auto not_before_client = [&](const std::vector<json>& nodes, const char* what) {
    for (const auto& n : nodes) {
      const std::string& c = created[n["client"]["id"].get<std::string>()];
      if (!c.empty() && n["createdAt"].is_string())
        EXPECT_LE(c, n["createdAt"].get<std::string>()) << what;
    }
  };
  ExpectSubset(Linked(pianos, "client"), clients, "piano.client");
  not_before_client(pianos, "piano");
  auto events = PageAccount(sim, RootOf("allEventsBatched"), nullptr, "",
                            "id start createdAt client { id } user { id } createdBy { id } "
                            "allEventPianos(first: 20) { totalCount nodes { piano { id } } }");
  std::vector<json> with_client, event_pianos;
  for (const auto& e : events) {
    EXPECT_LE(e["createdAt"].get<std::string>(), e["start"].get<std::string>());
    if (e["client"].is_object()) with_client.push_back(e);
    for (const auto& p : e["allEventPianos"]["nodes"]) event_pianos.push_back(p);
  }
  EXPECT_LT(with_client.size(), events.size());  // personal time and memos have no client
  ExpectSubset(Linked(with_client, "client"), clients, "event.client");
  not_before_client(with_client, "event");
  ExpectSubset(Linked(events, "user"), users, "event.user");
  ExpectSubset(Linked(events, "createdBy"), users, "event.createdBy");
  ExpectSubset(Linked(event_pianos, "piano"), piano_ids, "event.allEventPianos.piano");
  auto invoices = PageAccount(sim, RootOf("allInvoices"), nullptr, "",
                              "id createdAt client { id } createdBy { id } "
                              "allInvoiceItems(first: 100) { nodes { piano { id } } }");
  std::vector<json> items;
  for (const auto& i : invoices)
    for (const auto& it : i["allInvoiceItems"]["nodes"]) items.push_back(it);
  ExpectSubset(Linked(invoices, "client"), clients, "invoice.client");
  not_before_client(invoices, "invoice");
  ExpectSubset(Linked(invoices, "createdBy"), users, "invoice.createdBy");
  ExpectSubset(Linked(items, "piano"), piano_ids, "invoice item.piano");
  auto estimates = PageAccount(sim, RootOf("allEstimates"), nullptr, "",
                               "id createdAt client { id } piano { id } createdBy { id }");
  ExpectSubset(Linked(estimates, "client"), clients, "estimate.client");
  ExpectSubset(Linked(estimates, "piano"), piano_ids, "estimate.piano");
  ExpectSubset(Linked(estimates, "createdBy"), users, "estimate.createdBy");
  not_before_client(estimates, "estimate");
}

// The loader's way: a page with the first 50 contacts (100 items), then the
// follow-up document from the end cursor of the nested list.
TEST(SimAccountLinksTest, NestedListsBeyondTheirFirstPageAreReachable) {
  SimServer sim(LinkOptions());
  struct Case {
    const char *page, *page_fragment, *follow, *root, *nested, *one, *id_var;
  } cases[] = {
      {"clients/clients_page.graphql", "clients/contact_fields.graphql",
       "clients/client_contacts.graphql", "allClients", "allContacts", "client", "clientId"},
      {"invoices/invoices_page.graphql", "invoices/invoice_item_fields.graphql",
       "invoices/invoice_items.graphql", "allInvoices", "allInvoiceItems", "invoice", "invoiceId"},
  };
  for (const Case& c : cases) {
    json page = Ask(sim, StreamDocument(c.page, c.page_fragment), {{"first", 100}});
    ASSERT_FALSE(page.contains("errors")) << page.dump().substr(0, 400);
    int big = 0;
    for (const auto& node : page["data"][c.root]["nodes"]) {
      const json& nested = node[c.nested];
      std::vector<json> all(nested["nodes"].begin(), nested["nodes"].end());
      if (!nested["pageInfo"]["hasNextPage"].get<bool>()) {
        EXPECT_EQ(static_cast<int64_t>(all.size()), nested["totalCount"].get<int64_t>());
        continue;
      }
      ++big;
      json vars = {
          {c.id_var, node["id"]}, {"first", 100}, {"after", nested["pageInfo"]["endCursor"]}};
      for (int follow = 0; follow < 10; ++follow) {
        json rest = Ask(sim, StreamDocument(c.follow, c.page_fragment), vars);
        ASSERT_FALSE(rest.contains("errors")) << rest.dump().substr(0, 400);
        const json& more = rest["data"][c.one][c.nested];
        EXPECT_EQ(more["totalCount"], nested["totalCount"]);
        for (const auto& n : more["nodes"]) all.push_back(n);
        if (!more["pageInfo"]["hasNextPage"].get<bool>()) break;
        vars["after"] = more["pageInfo"]["endCursor"];
      }
      EXPECT_EQ(static_cast<int64_t>(all.size()), nested["totalCount"].get<int64_t>()) << c.nested;
      EXPECT_EQ(testing::Ids(all).size(), all.size()) << c.nested << ": duplicates";
    }
    EXPECT_GE(big, 1) << c.root << ": no node with more than one page of " << c.nested;
  }
}

TEST(SimAccountLinksTest, TheLoadersDocumentsValidateAndExecuteWithAndWithoutFilters) {
  SimServer sim(LinkOptions());
  struct Case {
    const char *path, *fragment, *root;
  } cases[] = {
      {"clients/clients_page.graphql", "clients/contact_fields.graphql", "allClients"},
      {"pianos/pianos_page.graphql", "", "allPianos"},
      {"events/events_page.graphql", "", "allEventsBatched"},
      {"invoices/invoices_page.graphql", "invoices/invoice_item_fields.graphql", "allInvoices"},
      {"estimates/estimates_page.graphql", "", "allEstimates"}};
  for (const Case& c : cases) {
    const auto& root = RootOf(c.root);
    const std::string doc = StreamDocument(c.path, c.fragment);
    json all = Ask(sim, doc, {{"first", 100}});
    ASSERT_FALSE(all.contains("errors")) << c.path << all.dump().substr(0, 400);
    const auto total = all["data"][c.root]["totalCount"].get<size_t>();
    EXPECT_EQ(all["data"][c.root]["nodes"].size(), std::min<size_t>(100, total)) << c.path;
    json year =
        Ask(sim, doc,
            {{"first", 100}, {"filters", {{root.min, "2020-01-01"}, {root.max, "2020-12-31"}}}});
    ASSERT_FALSE(year.contains("errors")) << c.path << year.dump().substr(0, 400);
    const int64_t in_year = year["data"][c.root]["totalCount"].get<int64_t>();
    EXPECT_GT(in_year, 0) << c.path;
    EXPECT_LT(in_year, all["data"][c.root]["totalCount"].get<int64_t>()) << c.path;
  }
}

// Hostile content and --null-share touch the timeline's entries and the
// nullable fields; the account's documents still execute, with null items.
TEST(SimAccountLinksTest, HostileModeAndNullShareStillAnswerTheAccount) {
  SimOptions o = LinkOptions();
  o.hostile = true;
  o.null_share = 0.2;
  SimServer sim(o);
  int null_items = 0;
  for (const auto& [path, fragment, root] :
       {std::tuple{"clients/clients_page.graphql", "clients/contact_fields.graphql", "allClients"},
        {"events/events_page.graphql", "", "allEventsBatched"},
        {"invoices/invoices_page.graphql", "invoices/invoice_item_fields.graphql",
         "allInvoices"}}) {
    for (int page = 0; page < 5; ++page) {
      json r = Ask(sim, StreamDocument(path, fragment), {{"first", 100}});
      ASSERT_FALSE(r.contains("errors")) << path << r.dump().substr(0, 300);
      for (const auto& n : r["data"][root]["nodes"]) null_items += n.is_null();
    }
  }
  EXPECT_GT(null_items, 0);
}

TEST(SimAccountLinksTest, EveryModelledFieldExistsInTheSchema) {
  const auto& schema = graphql::GazelleSchema();
  for (int k = 0; k <= static_cast<int>(ObjKind::kCurrency); ++k) {
    const auto kind = static_cast<ObjKind>(k);
    const graphql::TypeDef* type = schema.Type(TypeName(kind));
    ASSERT_TRUE(type) << TypeName(kind);
    for (std::string_view f : FieldNames(kind)) {
      if (kind == ObjKind::kEventPiano && f == "id") continue;  // the placeholder of slot 0
      EXPECT_TRUE(schema.FieldOn(*type, f)) << TypeName(kind) << "." << f;
    }
  }
}

TEST(SimAccountLinksTest, VolumesAtScaleOneAreInProportionToTheTimeline) {
  SimDataset data(1, 1.0, 0.03, false);
  AccountIndex account(data);
  int64_t appointments = 0, estimate_entries = 0;
  for (int64_t pos = 0; pos < data.base_size(); ++pos) {
    appointments += data.TypeAt(pos) == 16;
    estimate_entries += data.EstimateOf(data.At(pos, 0).gen).has_value();
  }
  const int64_t clients = account.Count(Stream::kClients);
  EXPECT_EQ(clients, 4000);
  const double pianos_per_client = static_cast<double>(account.Count(Stream::kPianos)) / clients;
  EXPECT_GT(pianos_per_client, 1.25);
  EXPECT_LT(pianos_per_client, 1.5);
  EXPECT_EQ(account.Count(Stream::kEvents), appointments + appointments * 6 / 100);
  EXPECT_EQ(account.Count(Stream::kInvoices), 4 * int64_t{data.client_count()});
  EXPECT_GT(account.Count(Stream::kEstimates), estimate_entries / 2);
  EXPECT_LE(account.Count(Stream::kEstimates), estimate_entries);
  AccountContent content(account);
  int64_t contacts = 0, items = 0, big_clients = 0, big_invoices = 0;
  for (uint32_t c = 0; c < clients; ++c) {
    contacts += content.ContactCount(c);
    big_clients += content.ContactCount(c) > 50;
  }
  for (uint32_t i = 0; i < account.Count(Stream::kInvoices); ++i) {
    items += content.ItemCount(i);
    big_invoices += content.ItemCount(i) > 100;
  }
  EXPECT_GE(big_clients, 3);
  EXPECT_GE(big_invoices, 3);
  std::printf(
      "scale 1: %lld clients (%lld contacts, %lld clients with more than 50), %lld pianos, %lld "
      "events (%lld appointments), %lld invoices (%lld items, %lld invoices with more than 100), "
      "%lld estimates (%lld ESTIMATE* entries)\n",
      static_cast<long long>(clients), static_cast<long long>(contacts),
      static_cast<long long>(big_clients), static_cast<long long>(account.Count(Stream::kPianos)),
      static_cast<long long>(account.Count(Stream::kEvents)), static_cast<long long>(appointments),
      static_cast<long long>(account.Count(Stream::kInvoices)), static_cast<long long>(items),
      static_cast<long long>(big_invoices),
      static_cast<long long>(account.Count(Stream::kEstimates)),
      static_cast<long long>(estimate_entries));
}

}  // namespace
}  // namespace gb::sim
