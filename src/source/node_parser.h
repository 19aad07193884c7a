// One timeline entry node (the API's JSON object, or one line of a JSONL
// export) -> ApiNode. Never fails and never drops: a node missing a required
// field (id, occurredAt, type), with a malformed field, or that is not JSON at
// all comes back with `defect` saying which, and `raw` holding the text as
// received, so the transform can reject it with that reason.
#pragma once

#include <string_view>

#include "core/record.h"

namespace gb {

ApiNode ParseNode(std::string_view json);

}  // namespace gb
