// Helpers of the account tests: the five connection roots as the loader asks
// for them, paging one to its end, and the loader's documents read from
// src/streams/ verbatim.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "sim_test_util.h"

namespace gb::sim::testing {

struct AccountRoot {
  const char* field;   // allClients, ...
  const char* filter;  // its filter input type
  const char* asc;     // the sort value modelled
  const char* desc;
  const char *min, *max;  // the date filter fields
  const char* key;        // the sorted field of a node (createdAt, start)
};

inline const std::vector<AccountRoot>& AccountRoots() {
  static const std::vector<AccountRoot> roots = {
      {"allClients", "PrivateAllClientsFilter", "CREATED_AT_ASC", "CREATED_AT_DESC", "createdGet",
       "createdLet", "createdAt"},
      {"allPianos", "PrivateAllPianosFilter", "CREATED_AT_ASC", "CREATED_AT_DESC", "createdGet",
       "createdLet", "createdAt"},
      {"allEventsBatched", "PrivateAllEventsFilter", "START_ASC", "START_DESC", "dateGet",
       "dateLet", "start"},
      {"allInvoices", "PrivateAllInvoicesFilter", "CREATED_AT_ASC", "CREATED_AT_DESC",
       "invoiceDateGet", "invoiceDateLet", "createdAt"},
      {"allEstimates", "PrivateAllEstimatesFilter", "CREATED_AT_ASC", "CREATED_AT_DESC",
       "createdGet", "createdLet", "createdAt"},
  };
  return roots;
}

// A page query of `root` sorted by `sort`, selecting `fields` of each node.
inline std::string AccountPageQuery(const AccountRoot& root, const std::string& sort,
                                    const std::string& fields) {
  return std::string("query($first: Int, $after: String, $filters: ") + root.filter + ") { " +
         root.field + "(first: $first, after: $after, filters: $filters, sortBy: [" + sort +
         "]) { totalCount pageInfo { hasNextPage endCursor } nodes { " + fields + " } } }";
}

// Every node of `root` under `filters`, 100 a page; checks each page's
// totalCount and that the pages add up to it.
inline std::vector<json> PageAccount(SimServer& sim, const AccountRoot& root,
                                     const json& filters = nullptr, const std::string& sort = "",
                                     const std::string& fields = "id createdAt") {
  const std::string query = AccountPageQuery(root, sort.empty() ? root.asc : sort, fields);
  json vars = {{"first", 100}, {"filters", filters}};
  std::vector<json> all;
  int64_t total = -1;
  for (int page = 0; page < 10000; ++page) {
    json r = Ask(sim, query, vars);
    EXPECT_FALSE(r.contains("errors")) << r.dump().substr(0, 500);
    if (r.contains("errors")) break;
    const json& c = r["data"][root.field];
    if (total < 0) total = c["totalCount"].get<int64_t>();
    EXPECT_EQ(c["totalCount"].get<int64_t>(), total);
    EXPECT_LE(c["nodes"].size(), 100u);
    for (const auto& n : c["nodes"]) all.push_back(n);
    if (!c["pageInfo"]["hasNextPage"].get<bool>()) break;
    vars["after"] = c["pageInfo"]["endCursor"];
  }
  EXPECT_EQ(static_cast<int64_t>(all.size()), total) << root.field;
  return all;
}

inline std::set<std::string> Ids(const std::vector<json>& nodes, const char* path = nullptr) {
  std::set<std::string> ids;
  for (const auto& n : nodes) {
    const json& v = path ? n[path] : n;
    if (v.is_object() && v["id"].is_string()) ids.insert(v["id"].get<std::string>());
  }
  return ids;
}

// A document of src/streams/ with the fragment files it spreads appended, as the loader sends it.
inline std::string StreamDocument(const std::string& path, const std::string& fragment = "") {
  auto read = [](const std::string& p) {
    std::ifstream in(std::string(GB_SOURCE_DIR) + "/src/streams/" + p);
    EXPECT_TRUE(in) << p;
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  return read(path) + (fragment.empty() ? "" : "\n" + read(fragment));
}

}  // namespace gb::sim::testing
