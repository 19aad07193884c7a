// Who is loading: "hostname:pid:random", unique even when two processes on two
// machines share a pid, and readable in `watch` (which host, which process).
#pragma once

#include <string>

namespace gb::cli {

std::string MakeWorkerId();

}  // namespace gb::cli
