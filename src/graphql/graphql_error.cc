// GraphQL errors as JSON (see graphql_error.h).
#include "graphql/graphql_error.h"

namespace gb::graphql {

nlohmann::ordered_json ErrorToJson(const GraphqlError& error) {
  nlohmann::ordered_json e = {{"message", error.message}};
  nlohmann::ordered_json locations = nlohmann::ordered_json::array();
  for (const auto& l : error.locations)
    locations.push_back({{"line", l.line}, {"column", l.column}});
  e["locations"] = std::move(locations);
  if (!error.path.is_null()) e["path"] = error.path;
  nlohmann::ordered_json extensions = nlohmann::ordered_json::object();
  if (!error.code.empty()) extensions["code"] = error.code;
  for (const auto& [key, value] : error.extensions.items()) extensions[key] = value;
  if (!extensions.empty()) e["extensions"] = std::move(extensions);
  return e;
}

std::string ErrorsBody(const GraphqlErrors& errors) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& e : errors) list.push_back(ErrorToJson(e));
  return nlohmann::ordered_json{{"errors", std::move(list)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gb::graphql
