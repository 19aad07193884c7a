// The GraphQL requests this tool sends, as the JSON bodies POSTed to
// {base}/graphql/private/. The documents themselves live in their stream's
// folder, src/streams/<name>/*.graphql (embedded at build time as
// gb::streams::<name>::kName); only the aliased counts documents are
// generated (one alias per filter or stream). ctest `contract_documents` validates every body built
// here against the real schema, variables included.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "source/object_source.h"
#include "source/timeline_source.h"

namespace gb {

// allTimelineEntries(first, after, occurredAtGet, types, clientId): the page's
// nodes with every field the destination stores, totalCount and pageInfo.
std::string TimelinePageBody(const PageRequest& request);

// The same filter asking only totalCount (first: 1, no node fields).
std::string TimelineCountBody(const TimelineFilter& filter);
// Several counts in one request: connection i is aliased c<i> (ParseCounts).
std::string TimelineCountsBody(const std::vector<TimelineFilter>& filters);

// The same filter asking for its oldest entry (last: 1) and pageInfo.
std::string TimelineOldestBody(const TimelineFilter& filter);

// allUsers: a plain list, every user in one request.
std::string UsersBody();

// A page of a stream's connection (StreamModule::page_document).
std::string ObjectPageBody(const ObjectPageRequest& request);
// The rest of a node's nested list (StreamModule::nested), after `after`.
std::string NestedPageBody(const NestedList& nested, const std::string& parent_id,
                           const std::string& after, int first);
// The totalCount of each count's connection: connection i aliased c<i> (ParseCounts).
std::string ObjectCountsBody(std::span<const ObjectCount> counts);

}  // namespace gb
