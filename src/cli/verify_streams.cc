#include "cli/verify_streams.h"

#include <nlohmann/json.hpp>

#include "cli/stream_list.h"
#include "streams/registry.h"

namespace gb::cli {

Result<VerifiedSet> VerifiedStreams(const std::string& flag,
                                    const std::optional<std::string>& run_params) {
  VerifiedSet set;
  if (!flag.empty()) {
    auto list = ParseStreamList(flag);
    if (!list) return tl::unexpected(list.error());
    set.timeline = list->timeline;
    for (const std::string& name : list->others) set.streams.push_back(FindStream(name));
    return set;
  }
  if (!run_params) return set;
  auto params = nlohmann::json::parse(*run_params, nullptr, false);
  // A sync names what it brought up to date ("synced"); its "streams" are
  // only those it swept.
  const char* key = params.is_object() && params.contains("synced") ? "synced" : "streams";
  if (!params.is_object() || !params.contains(key) || !params[key].is_array()) return set;
  set.timeline = false;
  for (const auto& name : params[key]) {
    if (!name.is_string()) continue;
    if (name == "timeline") set.timeline = true;
    if (const StreamModule* stream = FindStream(name.get<std::string>())) {
      set.streams.push_back(stream);
    }
  }
  return set;
}

}  // namespace gb::cli
