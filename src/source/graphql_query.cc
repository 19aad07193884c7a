#include "source/graphql_query.h"

#include <nlohmann/json.hpp>

namespace gb {
namespace {

// Variables declared once for both documents; unset ones are omitted from the
// variables object, which GraphQL treats as "argument not given".
constexpr const char* kVariableDecls =
    "$first: Int, $after: String, $occurredAtGet: CoreDateTime, "
    "$types: [TimelineEntryType!], $clientId: String";
constexpr const char* kArguments =
    "first: $first, after: $after, occurredAtGet: $occurredAtGet, types: $types, "
    "clientId: $clientId";

constexpr const char* kNodeFields =
    "id occurredAt type summary comment client { id } piano { id } user { id } "
    "invoice { id } estimate { id }";

nlohmann::json FilterVariables(const TimelineFilter& filter, int first) {
  nlohmann::json v = nlohmann::json::object();
  v["first"] = first;
  if (!filter.types.empty()) v["types"] = filter.types;
  if (filter.client_id) v["clientId"] = *filter.client_id;
  if (filter.occurred_at_get) v["occurredAtGet"] = *filter.occurred_at_get;
  return v;
}

std::string Body(const std::string& query, nlohmann::json variables) {
  nlohmann::json body = {{"query", query}, {"variables", std::move(variables)}};
  // replace, not throw, on invalid UTF-8 in a user-given filter value.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string TimelinePageBody(const PageRequest& request) {
  static const std::string query =
      std::string("query TimelinePage(") + kVariableDecls + ") { allTimelineEntries(" + kArguments +
      ") { totalCount pageInfo { hasNextPage endCursor } nodes { " + kNodeFields + " } } }";
  nlohmann::json v = FilterVariables(request.filter, request.first);
  if (request.after) v["after"] = *request.after;
  return Body(query, std::move(v));
}

std::string TimelineCountBody(const TimelineFilter& filter) {
  static const std::string query = std::string("query TimelineCount(") + kVariableDecls +
                                   ") { allTimelineEntries(" + kArguments + ") { totalCount } }";
  return Body(query, FilterVariables(filter, 1));
}

std::string TimelineCountsBody(const std::vector<TimelineFilter>& filters) {
  std::string decls, fields;
  nlohmann::json v = nlohmann::json::object();
  for (size_t i = 0; i < filters.size(); ++i) {
    const std::string n = std::to_string(i);
    decls += (i ? ", " : "") +
             ("$g" + n + ": CoreDateTime, $t" + n + ": [TimelineEntryType!], $c" + n + ": String");
    fields += " c" + n + ": allTimelineEntries(first: 1, occurredAtGet: $g" + n + ", types: $t" +
              n + ", clientId: $c" + n + ") { totalCount }";
    const TimelineFilter& f = filters[i];
    if (f.occurred_at_get) v["g" + n] = *f.occurred_at_get;
    if (!f.types.empty()) v["t" + n] = f.types;
    if (f.client_id) v["c" + n] = *f.client_id;
  }
  return Body("query TimelineCounts(" + decls + ") {" + fields + " }", std::move(v));
}

std::string TimelineOldestBody(const TimelineFilter& filter) {
  static const std::string query =
      "query TimelineOldest($last: Int, $occurredAtGet: CoreDateTime, "
      "$types: [TimelineEntryType!], $clientId: String) { allTimelineEntries(last: $last, "
      "occurredAtGet: $occurredAtGet, types: $types, clientId: $clientId) { totalCount "
      "pageInfo { hasNextPage endCursor } nodes { " +
      std::string(kNodeFields) + " } } }";
  nlohmann::json v = FilterVariables(filter, 1);
  v.erase("first");
  v["last"] = 1;
  return Body(query, std::move(v));
}

std::string UsersBody(int first, const std::optional<std::string>& after) {
  static const std::string query =
      "query Users($first: Int, $after: String) { allUsers(first: $first, after: $after) { "
      "pageInfo { hasNextPage endCursor } nodes { id firstName lastName email role } } }";
  nlohmann::json v = {{"first", first}};
  if (after) v["after"] = *after;
  return Body(query, std::move(v));
}

}  // namespace gb
