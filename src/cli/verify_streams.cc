#include "cli/verify_streams.h"

#include <nlohmann/json.hpp>

#include "cli/stream_list.h"
#include "streams/registry.h"

namespace gb::cli {

Result<std::vector<const StreamModule*>> VerifiedStreams(
    const std::string& flag, const std::optional<std::string>& run_params) {
  std::vector<const StreamModule*> streams;
  if (!flag.empty()) {
    auto list = ParseStreamList(flag);
    if (!list) return tl::unexpected(list.error());
    for (const std::string& name : list->others) streams.push_back(FindStream(name));
    return streams;
  }
  if (!run_params) return streams;
  auto params = nlohmann::json::parse(*run_params, nullptr, false);
  if (!params.is_object() || !params.contains("streams") || !params["streams"].is_array()) {
    return streams;
  }
  for (const auto& name : params["streams"]) {
    if (!name.is_string()) continue;
    if (const StreamModule* stream = FindStream(name.get<std::string>())) {
      streams.push_back(stream);
    }
  }
  return streams;
}

}  // namespace gb::cli
