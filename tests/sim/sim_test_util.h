// Helpers shared by the simulator tests: run a GraphQL request in-process or
// over HTTP and get the parsed answer.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "sim/sim_server.h"

namespace gb::sim::testing {

using json = nlohmann::json;

inline std::string Body(const std::string& query, const json& variables = json::object()) {
  return json{{"query", query}, {"variables", variables}}.dump();
}

// In-process (no HTTP, auth or faults).
inline json Ask(SimServer& sim, const std::string& query, const json& variables = json::object()) {
  auto [status, body] = sim.Answer(Body(query, variables));
  EXPECT_EQ(status, 200) << body;
  return json::parse(body);
}

inline httplib::Result PostGraphql(SimServer& sim, const std::string& body,
                                   const std::string& token) {
  httplib::Client client(sim.BaseUrl());
  client.set_read_timeout(10, 0);
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return client.Post("/graphql/private/", headers, body, "application/json");
}

inline const char* kPageQuery = R"(
  query Page($first: Int!, $after: String, $types: [TimelineEntryType!], $clientId: String,
             $since: CoreDateTime) {
    allTimelineEntries(first: $first, after: $after, types: $types, clientId: $clientId,
                       occurredAtGet: $since) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id occurredAt type client { id } }
    }
  })";

}  // namespace gb::sim::testing
