// A worker's WaitReason and state in words, in the current language: the one
// place their codes become sentences (terminal, log lines, JSON's text, the
// web page). A reason an earlier version stored as a sentence (WaitKind::kText)
// is shown as it is.
#pragma once

#include <string>
#include <string_view>

#include "core/wait_reason.h"

namespace gb {

// "waiting on the API (429 Too Many Requests) until 14:02:31 UTC",
// "312 entries/s, below its recent pace of 1,450 entries/s", ...; "" for none.
std::string WaitReasonText(const WaitReason& reason);

// The cause of a retry, as the retry line and the wait reason show it: a 429
// in the current language, else what the source or the database said.
std::string RetryCauseText(int http_status, std::string_view cause);

}  // namespace gb
