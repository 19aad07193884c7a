// Links to users nulled, in words: the reason (core's UnlinkReason) and the
// lines the summary, the log and `watch` show about nulled and restored links.
#pragma once

#include <cstdint>
#include <string>

#include "core/events.h"

namespace gb {

// "user not in the account's users".
std::string UnlinkReasonText(UnlinkReason reason);

// "12 links to users nulled (user not in the account's users; …)"; "" for 0.
std::string UnlinkedText(int64_t unlinked);

// The log line of UserLinksRestored.
std::string UserLinksRestoredText(const UserLinksRestored& e);

}  // namespace gb
