// GraphQL errors as JSON (see graphql_error.h).
#include "graphql/graphql_error.h"

namespace gb::graphql {

nlohmann::json ErrorToJson(const GraphqlError& error) {
  nlohmann::json e = {{"message", error.message}};
  nlohmann::json locations = nlohmann::json::array();
  for (const auto& l : error.locations) locations.push_back({{"line", l.line}, {"column", l.column}});
  e["locations"] = std::move(locations);
  if (!error.path.is_null()) e["path"] = error.path;
  nlohmann::json extensions = error.extensions;
  if (!error.code.empty()) extensions["code"] = error.code;
  if (!extensions.empty()) e["extensions"] = std::move(extensions);
  return e;
}

std::string ErrorsBody(const GraphqlErrors& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : errors) list.push_back(ErrorToJson(e));
  return nlohmann::json{{"errors", std::move(list)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gb::graphql
