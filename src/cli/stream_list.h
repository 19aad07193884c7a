// --streams: which streams a command works on. "timeline" and the names of
// streams/registry.h, comma-separated, or "all"; each at most once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gb::cli {

struct StreamList {
  bool timeline = false;
  std::vector<std::string> others;  // in registry (load) order
};

Result<StreamList> ParseStreamList(std::string_view text);

// Every stream's name, for help and errors: "timeline, clients, …".
std::string KnownStreams();

}  // namespace gb::cli
