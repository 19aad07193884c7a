// The API's GraphQL answers -> pages, counts, users, or a classified error.
// Truncated or garbled bodies are kTransient (the caller retries); a GraphQL
// `errors` answer is kConfig (a field or argument the server refuses: the
// message names it and says what to do), kAuth (not allowed), or kPermanent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/record.h"
#include "source/graphql_error.h"
#include "source/object_source.h"
#include "source/timeline_source.h"

namespace gb {

// Every node of the page comes back, well-formed or with `defect` set; a null
// item of `nodes` becomes a node with kNullItemDefect, counted in
// Page::null_items (the client retries such a page).
Result<Page> ParsePage(std::string_view body);
Result<int64_t> ParseCount(std::string_view body);
// The totalCount of each of the `n` aliased connections c0..c<n-1> of TimelineCountsBody.
Result<std::vector<int64_t>> ParseCounts(std::string_view body, size_t n);

// allUsers: a plain list of PrivateUser (id firstName lastName email
// accessLevel status); accessLevel may be null.
Result<std::vector<ApiUser>> ParseUsers(std::string_view body);

// A page of any connection with its nodes as JSON text (a null item as
// "null", counted in null_items): data.<root> when `field` is empty, else
// data.<root>.<field> (a nested list asked through its parent).
Result<ObjectPage> ParseObjectPage(std::string_view body, std::string_view root,
                                   std::string_view field = {});

// The defect of a node the API gave as null (an item of `nodes` it failed to give).
inline constexpr std::string_view kNullItemDefect =
    "the API gave null instead of this entry (an item of nodes)";

}  // namespace gb
