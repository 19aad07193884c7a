// Every stream of the account, each a module (src/streams/<name>/): adding
// one is its folder and its line in registry.cc.
#pragma once

#include <string_view>
#include <vector>

#include "streams/stream.h"

namespace gb {

// The whole account in load order (a stream after those it references):
// users (a list), the streams swept whole, the timeline (by year) last.
const std::vector<const StreamModule*>& AccountStreams();
// The streams swept whole (Cutting::kWholeSweep): clients, pianos, events,
// invoices, estimates, in load order.
const std::vector<const StreamModule*>& AllStreams();
// Of AllStreams; none when no such stream has that name.
const StreamModule* FindStream(std::string_view name);
// The timeline and the users list.
const StreamModule& TimelineStream();
const StreamModule& UsersStream();

}  // namespace gb
