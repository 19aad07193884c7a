// How fast the simulator serves timeline pages over loopback HTTP with zero
// latency and one keep-alive client: it must never be a benchmark's bottleneck
// (target: at least 20,000 entries/s).
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "monitor/format.h"
#include "monitor/i18n.h"
#include "sim/sim_server.h"

namespace {

using json = nlohmann::json;

constexpr const char* kQuery =
    "query Page($after: String) { allTimelineEntries(first: 100, after: $after) { totalCount "
    "pageInfo { hasNextPage endCursor } nodes { id occurredAt type summary comment client { id } "
    "piano { id } user { id } invoice { id } estimate { id } } } }";

}  // namespace

int main() {
  gb::sim::SimOptions options;
  options.scale = 0.2;
  gb::sim::SimServer sim(options);
  if (!sim.Start()) {
    std::fprintf(stderr, "sim throughput: cannot start the simulator\n");
    return 1;
  }
  httplib::Client client(sim.BaseUrl());
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  httplib::Headers headers = {{"Authorization", "Bearer " + sim.credentials().access_token}};
  int64_t entries = 0;
  json vars = json::object();
  auto start = std::chrono::steady_clock::now();
  while (true) {
    auto res = client.Post("/graphql/private/", headers,
                           json{{"query", kQuery}, {"variables", vars}}.dump(), "application/json");
    if (!res || res->status != 200) {
      std::fprintf(stderr, "sim throughput: request failed\n");
      return 1;
    }
    json page = json::parse(res->body)["data"]["allTimelineEntries"];
    entries += static_cast<int64_t>(page["nodes"].size());
    if (!page["pageInfo"]["hasNextPage"].get<bool>()) break;
    vars["after"] = page["pageInfo"]["endCursor"];
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto rate = static_cast<int64_t>(entries / seconds);
  std::printf(
      "sim throughput: %s entries/s (page 100, zero latency, 1 client; %s entries in %.1f s)%s\n",
      gb::FormatCount(rate, gb::EnglishLocale()).c_str(),
      gb::FormatCount(entries, gb::EnglishLocale()).c_str(), seconds,
      rate >= 20000 ? "" : "  BELOW the 20,000 entries/s target");
  return rate >= 20000 ? 0 : 1;
}
