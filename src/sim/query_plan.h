// Validation of a parsed document against the schema and the request's
// variables, producing a plan: the requested fields (aliases resolved,
// fragments inlined) with their arguments coerced to JSON values. Every
// problem becomes a GraphQL error with locations and path, as a server sends.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "sim/graphql_ast.h"

namespace gb::sim {

struct GraphqlError {
  std::string message;
  std::optional<gql::Location> loc;
  std::vector<std::string> path;
};
using GraphqlErrors = std::vector<GraphqlError>;

struct PlanField {
  std::string key;                                 // response key (alias or name)
  std::string name;                                // schema field name
  nlohmann::json args = nlohmann::json::object();  // provided arguments, coerced
  std::vector<PlanField> children;
  std::vector<std::string> path;
};

tl::expected<std::vector<PlanField>, GraphqlErrors> CompileQuery(const gql::Document& doc,
                                                                 const std::string& operation_name,
                                                                 const nlohmann::json& variables);

}  // namespace gb::sim
