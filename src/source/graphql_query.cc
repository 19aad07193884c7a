// Request bodies from the embedded documents (see graphql_query.h).
#include "source/graphql_query.h"

#include <nlohmann/json.hpp>

#include "streams/timeline.h"
#include "streams/users.h"

namespace gb {
namespace {

nlohmann::json FilterVariables(const TimelineFilter& filter) {
  nlohmann::json v = nlohmann::json::object();
  if (!filter.types.empty()) v["types"] = filter.types;
  if (filter.client_id) v["clientId"] = *filter.client_id;
  if (filter.occurred_at_get) v["occurredAtGet"] = *filter.occurred_at_get;
  return v;
}

// Unset variables are left out of the variables object, which GraphQL
// treats as "argument not given".
std::string Body(std::string_view query, nlohmann::json variables) {
  nlohmann::json body = {{"query", query}, {"variables", std::move(variables)}};
  // replace, not throw, on invalid UTF-8 in a user-given filter value.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string TimelinePageBody(const PageRequest& request) {
  static const std::string query =
      std::string(streams::timeline::kTimelinePage) + std::string(streams::timeline::kEntryFields);
  nlohmann::json v = FilterVariables(request.filter);
  v["first"] = request.first;
  if (request.after) v["after"] = *request.after;
  return Body(query, std::move(v));
}

std::string TimelineCountBody(const TimelineFilter& filter) {
  nlohmann::json v = FilterVariables(filter);
  v["first"] = 1;
  return Body(streams::timeline::kTimelineCount, std::move(v));
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
  static const std::string query = std::string(streams::timeline::kTimelineOldest) +
                                   std::string(streams::timeline::kEntryFields);
  nlohmann::json v = FilterVariables(filter);
  v["last"] = 1;
  return Body(query, std::move(v));
}

std::string UsersBody() { return Body(streams::users::kUsersList, nlohmann::json::object()); }

// A bounded stream's dates and the creation date asked as its connection's
// filters (none for the whole). A bounded stream filtered on its creation
// date (estimates) keeps the later of the two lower bounds.
nlohmann::json Filters(const StreamModule& stream, const DateSpan& span,
                       const std::string& created_since) {
  nlohmann::json f = nlohmann::json::object();
  if (stream.bounded() && !span.whole()) {
    f[std::string(stream.since_filter)] = span.since;
    f[std::string(stream.until_filter)] = span.until;
  }
  if (!created_since.empty() && stream.created) {
    const std::string key(stream.created->since);
    if (!f.contains(key) || f[key].get<std::string>() < created_since) f[key] = created_since;
  }
  if (f.empty()) return nullptr;
  return f;
}

std::string ObjectPageBody(const ObjectPageRequest& request) {
  nlohmann::json v = {{"first", request.first}};
  if (request.after) v["after"] = *request.after;
  if (auto filters = Filters(*request.stream, request.span, request.created_since);
      !filters.is_null()) {
    v["filters"] = std::move(filters);
  }
  return Body(request.stream->page_document, std::move(v));
}

std::string NestedPageBody(const NestedList& nested, const std::string& parent_id,
                           const std::string& after, int first) {
  nlohmann::json v = {{std::string(nested.id_variable), parent_id}, {"first", first}};
  if (!after.empty()) v["after"] = after;
  return Body(nested.document, std::move(v));
}

std::string ObjectCountsBody(std::span<const ObjectCount> counts) {
  std::string fields;
  for (size_t i = 0; i < counts.size(); ++i) {
    const ObjectCount& c = counts[i];
    std::string filters;
    // CoreDate literals: digits and dashes only (SpanOfYears, a sync's
    // floor), quoted as JSON does.
    if (auto f = Filters(*c.stream, c.span, c.created_since); !f.is_null()) {
      for (const auto& [key, value] : f.items()) {
        filters += (filters.empty() ? "" : ", ") + key + ": " + value.dump();
      }
      filters = ", filters: {" + filters + "}";
    }
    fields += " c" + std::to_string(i) + ": " + std::string(c.stream->root) + "(first: 1" +
              filters + ") { totalCount }";
  }
  return Body("query StreamCounts {" + fields + " }", nlohmann::json::object());
}

}  // namespace gb
