// Which slice of a connection a request asks for: `after`/`before` cursors and
// `first`/`last` counts applied to a list of `total` items, as Relay's
// connection specification says, with the API's limits (1000 a page) and the
// server's maximum page size (--max-page-size: a silent cap, or a refusal).
// Every connection of the simulator goes through here: the timeline, the
// account's streams and the lists nested in their nodes.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <tl/expected.hpp>

#include "sim/cursor_codec.h"
#include "sim/sim_options.h"

namespace gb::sim {

struct Window {
  int64_t start = 0, end = 0;  // items [start, end)
  bool has_next = false, has_prev = false;
};

// The window of `args` (the field's coerced arguments) over `total` items, or
// the message of the GraphQL error that refuses them.
tl::expected<Window, std::string> PageWindow(const nlohmann::json& args, int64_t total,
                                             const CursorCodec& codec, const FaultOptions& faults);

}  // namespace gb::sim
