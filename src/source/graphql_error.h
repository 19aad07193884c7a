// A GraphQL `errors` answer (HTTP 200 with errors[{message, path, ...}]) is
// classified once, here: the message names the field or argument the server
// refused and says what the user can do.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace gb {

struct GraphqlError {
  std::string message;
  std::string path;  // "allTimelineEntries.nodes" (may be empty)
};

// kAuth when the server says the credentials may not do this, kConfig when it
// refuses a field, argument, variable or value of the query (this tool and the
// server disagree on the schema, or a filter value is wrong), else kPermanent.
Error ClassifyGraphqlErrors(const std::vector<GraphqlError>& errors);

}  // namespace gb
