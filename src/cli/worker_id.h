// Who is loading: "hostname:pid:random", unique even when two processes on two
// machines share a pid, and readable in `watch` (which host, which process).
#pragma once

#include <string>

namespace gb::cli {

// `host` empty: this machine's name.
std::string MakeWorkerId(const std::string& host = "");

}  // namespace gb::cli
