// Links nulled, in words: the reason (core's UnlinkReason) and the
// lines the summary, the log and `watch` show about nulled and restored links.
#pragma once

#include <cstdint>
#include <string>

#include "core/events.h"

namespace gb {

// "the user, client, piano, invoice or estimate it points at is not there".
std::string UnlinkReasonText(UnlinkReason reason);

// "12 links nulled (…; the original id is kept in metadata…)"; "" for 0.
std::string UnlinkedText(int64_t unlinked);

// The log line of UserLinksRestored.
std::string UserLinksRestoredText(const UserLinksRestored& e);

}  // namespace gb
