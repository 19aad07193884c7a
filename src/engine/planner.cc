#include "engine/planner.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/entry_types.h"

namespace gb {

bool IsCatchAllUnit(const UnitSpec& spec) { return spec.types.empty() && !spec.client_id; }

Planner::Planner(const RunOptions& options, const YearZone& zone)
    : options_(options), zone_(zone) {}

int Planner::TypeUnitCount() { return static_cast<int>(kEntryTypes.size()); }

std::string Planner::ParamsJson(const std::string& source_description) const {
  nlohmann::json params = {{"years", options_.years},
                           {"tz", zone_.name()},
                           {"legacy_types", options_.legacy_types},
                           {"truncate", nullptr},
                           {"source", source_description}};
  if (options_.truncate) {
    params["truncate"] = {options_.truncate->first, options_.truncate->second};
  }
  return params.dump();
}

std::string Planner::Fingerprint(const std::string& source_description) const {
  // FNV-1a 64 over the canonical JSON (nlohmann sorts object keys).
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : ParamsJson(source_description)) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", hash);
}

std::string Planner::Since(int year) const { return FormatIsoUtc(zone_.YearStart(year)); }

Result<Plan> Planner::Make(TimelineSource& source) const {
  Plan plan;
  auto expected = ExpectedPerYear(source);
  if (!expected) return tl::unexpected(expected.error());
  plan.expected = std::move(*expected);
  auto units = Units(source, &plan.unknown_type_rows);
  if (!units) return tl::unexpected(units.error());
  plan.units = std::move(*units);
  return plan;
}

Result<std::map<int, int64_t>> Planner::ExpectedPerYear(TimelineSource& source) const {
  std::map<int, int64_t> since;  // year -> Count(>= Jan 1 of year), each boundary asked once
  for (int year : options_.years) {
    for (int boundary : {year, year + 1}) {
      if (since.contains(boundary)) continue;
      TimelineFilter filter;
      filter.occurred_at_get = Since(boundary);
      auto count = source.Count(filter);
      if (!count) return tl::unexpected(count.error());
      since[boundary] = *count;
    }
  }
  std::map<int, int64_t> expected;
  for (int year : options_.years) expected[year] = since[year] - since[year + 1];
  return expected;
}

Result<std::vector<UnitSpec>> Planner::Units(TimelineSource& source, int64_t* unknown_rows) const {
  const std::string oldest = Since(options_.years.front());
  std::vector<UnitSpec> units;
  int64_t typed = 0;
  for (std::string_view type : kEntryTypes) {
    UnitSpec unit{"type:" + std::string(type), {std::string(type)}, std::nullopt, oldest};
    auto count = source.Count({unit.types, std::nullopt, oldest});
    if (!count) return tl::unexpected(count.error());
    typed += *count;
    units.push_back(std::move(unit));
  }
  auto all = source.Count({{}, std::nullopt, oldest});
  if (!all) return tl::unexpected(all.error());
  *unknown_rows = *all - typed;
  if (*all != typed) units.push_back({kCatchAllUnit, {}, std::nullopt, oldest});
  return units;
}

}  // namespace gb
