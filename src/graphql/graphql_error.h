// One error of a GraphQL response, as a server sends it inside HTTP 200:
// {message, locations[{line, column}], path, extensions{code, ...}}. The
// codes and the wording follow graphql-ruby, which Gazelle's API runs on
// ("Field 'x' doesn't exist on type 'Y'", code "undefinedField").
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "graphql/ast.h"

namespace gb::graphql {

struct GraphqlError {
  std::string message;
  std::vector<Location> locations;
  nlohmann::json path = nullptr;                         // an array, or null when it has none
  std::string code;                                      // extensions.code; none when empty
  nlohmann::json extensions = nlohmann::json::object();  // more keys beside the code
};
using GraphqlErrors = std::vector<GraphqlError>;

nlohmann::ordered_json ErrorToJson(const GraphqlError& error);
// {"errors":[...]} with no data: a request refused before execution.
std::string ErrorsBody(const GraphqlErrors& errors);

}  // namespace gb::graphql
