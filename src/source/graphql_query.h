// The GraphQL documents this tool sends, with their variables, as the JSON
// bodies POSTed to {base}/graphql/private/.
#pragma once

#include <optional>
#include <string>
#include <vector>

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

// allUsers (a connection, paged like the timeline): id firstName lastName
// email role of each node, and pageInfo.
std::string UsersBody(int first, const std::optional<std::string>& after);

}  // namespace gb
