// Every stream the tool knows, in load order (a stream after those it references).
#pragma once

#include <string_view>
#include <vector>

#include "streams/stream.h"

namespace gb {

const std::vector<const StreamModule*>& AllStreams();
// None when no stream has that name.
const StreamModule* FindStream(std::string_view name);

}  // namespace gb
