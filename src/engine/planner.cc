#include "engine/planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>

#include "core/entry_types.h"

namespace gb {

bool IsCatchAllUnit(const UnitSpec& spec) {
  return spec.types.empty() && !spec.client_id && !spec.stop_at && !spec.count_year &&
         !spec.all_types && spec.stream.empty();
}

Planner::Planner(const RunOptions& options, const YearZone& zone)
    : options_(options), zone_(zone) {}

int Planner::TypeUnitCount() { return static_cast<int>(kEntryTypes.size()); }

std::string Planner::ParamsJson(const std::string& source_description) const {
  if (options_.sync) return SyncParamsJson(source_description);
  nlohmann::json params = {{"years", options_.years},
                           {"tz", zone_.name()},
                           {"legacy_types", options_.legacy_types},
                           {"truncate", nullptr},
                           {"source", source_description}};
  if (options_.truncate) {
    params["truncate"] = {options_.truncate->first, options_.truncate->second};
  }
  // Only when other streams are asked: a timeline run keeps its fingerprint.
  if (!options_.timeline || !options_.streams.empty()) {
    std::vector<std::string> streams;
    if (options_.timeline) streams.emplace_back("timeline");
    streams.insert(streams.end(), options_.streams.begin(), options_.streams.end());
    params["streams"] = streams;
  }
  return params.dump();
}

// A sync's years and streams follow the destination and the source; what
// stays is what it is (mode), where it reads and the zone of its months. Its
// streams are kept to resume it with them.
std::string Planner::SyncParamsJson(const std::string& source_description) const {
  std::vector<std::string> streams;
  if (options_.timeline) streams.emplace_back("timeline");
  streams.insert(streams.end(), options_.streams.begin(), options_.streams.end());
  // Its years (verify's default range) follow the stored entries to now.
  nlohmann::json params = {{"mode", "sync"},
                           {"tz", zone_.name()},
                           {"source", source_description},
                           {"streams", streams},
                           {"synced", options_.sync->synced},
                           {"years", options_.years}};
  return params.dump();
}

bool Planner::IsSync(const std::string& params_json) {
  auto params = nlohmann::json::parse(params_json, nullptr, false);
  return params.is_object() && params.value("mode", "") == "sync";
}

std::string Planner::Fingerprint(const std::string& source_description) const {
  // FNV-1a 64 over the canonical JSON (nlohmann sorts object keys).
  uint64_t hash = 1469598103934665603ULL;
  std::string params = ParamsJson(source_description);
  if (options_.sync) {  // one fingerprint per source and zone, whatever it sweeps and when
    auto j = nlohmann::json::parse(params);
    j.erase("streams");
    j.erase("years");
    j.erase("synced");
    params = j.dump();
  }
  for (unsigned char c : params) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", hash);
}

std::string Planner::Since(int year) const { return FormatIsoUtc(zone_.YearStart(year)); }

Result<Plan> Planner::Make(TimelineSource& source) const {
  Plan plan;
  auto counts = Ask(source);
  if (!counts) return tl::unexpected(counts.error());
  for (int year : options_.years) {
    plan.expected[year] = counts->since[year] - counts->since[year + 1];
  }
  auto units =
      Units(source, plan.expected, *counts, true, &plan.unknown_type_rows, &plan.cuts_refused);
  if (units && !plan.cuts_refused.empty()) {  // uncut units need no request
    units = Units(source, plan.expected, *counts, false, &plan.unknown_type_rows, nullptr);
  }
  if (!units) return tl::unexpected(units.error());
  plan.units = std::move(*units);
  return plan;
}

// All in one CountEach (a file answers them in one read): Count(>= Jan 1) of
// each year boundary, and of each type from the oldest one.
std::set<int> Planner::Bounds() const {
  std::set<int> bounds;
  for (int year : options_.years) bounds.insert({year, year + 1});
  return bounds;
}

std::vector<TimelineFilter> Planner::BoundaryFilters() const {
  std::vector<TimelineFilter> filters;
  for (int year : Bounds()) filters.push_back({{}, std::nullopt, Since(year)});
  return filters;
}

Result<std::map<int, int64_t>> Planner::CountYears(TimelineSource& source) const {
  const std::set<int> bounds = Bounds();
  auto answers = source.CountEach(BoundaryFilters());
  if (!answers) return tl::unexpected(answers.error());
  std::map<int, int64_t> since;
  auto next = answers->begin();
  for (int year : bounds) since[year] = *next++;
  std::map<int, int64_t> totals;
  for (int year : options_.years) totals[year] = since[year] - since[year + 1];
  return totals;
}

Result<Planner::Counts> Planner::Ask(TimelineSource& source) const {
  Counts counts;
  for (int year : options_.years) counts.since[year] = counts.since[year + 1] = 0;
  std::vector<TimelineFilter> filters = BoundaryFilters();
  for (std::string_view type : kEntryTypes) {
    filters.push_back({{std::string(type)}, std::nullopt, Since(options_.years.front())});
  }
  auto answers = source.CountEach(filters);
  if (!answers) return tl::unexpected(answers.error());
  auto next = answers->begin();
  for (auto& [year, n] : counts.since) n = *next++;
  counts.per_type.assign(next, answers->end());
  return counts;
}

Result<std::vector<UnitSpec>> Planner::Units(TimelineSource& source,
                                             const std::map<int, int64_t>& expected,
                                             const Counts& counts, bool cut, int64_t* unknown_rows,
                                             std::string* cuts_refused) const {
  const int64_t all = counts.since.at(options_.years.front());
  const int64_t target =
      cut ? std::max(kMinPiece, (all + 2 * kBalancedStreams - 1) / (2 * kBalancedStreams))
          : INT64_MAX / 4;  // no type reaches it: no cut
  const Split split{target, YearShares(expected, all)};
  std::vector<UnitSpec> units;
  int64_t typed = 0;
  for (size_t i = 0; i < kEntryTypes.size(); ++i) {
    typed += counts.per_type[i];
    if (cuts_refused && !cuts_refused->empty()) continue;  // the caller plans again, uncut
    auto pieces =
        TypeUnits(source, std::string(kEntryTypes[i]), counts.per_type[i], split, cuts_refused);
    if (!pieces) return tl::unexpected(pieces.error());
    std::move(pieces->begin(), pieces->end(), std::back_inserter(units));
  }
  // Biggest first: the longest sweeps start first (the catch-all stays last).
  std::stable_sort(units.begin(), units.end(),
                   [](const UnitSpec& a, const UnitSpec& b) { return a.expected > b.expected; });
  *unknown_rows = all - typed;
  const std::string oldest = Since(options_.years.front());
  if (all != typed) {
    UnitSpec& other = units.emplace_back();
    other.name = kCatchAllUnit;
    other.occurred_at_get = oldest;
    other.expected = all - typed;
  }
  return units;
}

// Share of the swept entries at or after each year start but the oldest
// (estimated from the per-year plan; entries newer than the range count in
// every share), to place the cuts of a type before asking for exact counts.
std::map<int, double> Planner::YearShares(const std::map<int, int64_t>& expected,
                                          int64_t all) const {
  std::map<int, double> shares;
  int64_t below = 0;
  for (int year = options_.years.front() + 1; year <= options_.years.back() + 1; ++year) {
    auto it = expected.find(year - 1);
    if (it != expected.end()) below += it->second;
    shares[year] = all > 0 ? static_cast<double>(all - below) / static_cast<double>(all) : 0;
  }
  return shares;
}

UnitSpec Planner::TypeUnit(const std::string& type, int from, int64_t expected) const {
  UnitSpec unit;
  unit.name = "type:" + type;
  unit.types = {type};
  unit.occurred_at_get = Since(from);
  unit.expected = expected;
  return unit;
}

Result<std::vector<UnitSpec>> Planner::TypeUnits(TimelineSource& source, const std::string& type,
                                                 int64_t count, const Split& split,
                                                 std::string* cuts_refused) const {
  std::vector<UnitSpec> whole = {TypeUnit(type, options_.years.front(), count)};
  if (count < split.target + split.target / 2) return whole;
  // Walking from the newest year start down, a cut is made once the
  // estimated entries between it and the previous cut reach the target.
  std::vector<int> cuts;  // year starts, newest first
  double above = 0;
  for (auto it = split.shares.rbegin(); it != split.shares.rend(); ++it) {
    const double n = it->second * static_cast<double>(count);
    if (n - above >= static_cast<double>(split.target) &&
        static_cast<double>(count) - n >= static_cast<double>(split.target) / 2) {
      cuts.push_back(it->first);
      above = n;
    }
  }
  if (cuts.empty()) return whole;
  auto pieces = Pieces(source, type, count, cuts, cuts_refused);
  if (!pieces) return tl::unexpected(pieces.error());
  return pieces->empty() ? whole : *pieces;
}

// Piece i covers [cut i, cut i-1): occurredAtGet = cut i, swept from after
// the oldest entry >= cut i-1. One request per cut gives that cursor and the
// exact count above the cut. None when the source gives no cursor.
Result<std::vector<UnitSpec>> Planner::Pieces(TimelineSource& source, const std::string& type,
                                              int64_t count, const std::vector<int>& cuts,
                                              std::string* cuts_refused) const {
  std::vector<UnitSpec> pieces;
  std::optional<int> newer;  // the cut above the current piece
  FilterEnd above;           // of the filter >= newer
  for (size_t i = 0; i <= cuts.size(); ++i) {
    const bool bottom = i == cuts.size();
    const int from = bottom ? options_.years.front() : cuts[i];
    FilterEnd end{std::nullopt, count};
    if (!bottom) {
      auto asked = source.EndOf({{type}, std::nullopt, Since(from)});
      if (!asked) return tl::unexpected(asked.error());
      if (!asked->cursor) return std::vector<UnitSpec>{};
      end = *asked;
    }
    UnitSpec piece = TypeUnit(type, from, end.total_count - above.total_count);
    piece.name = fmt::format("type:{}:{}-{}", type, from,
                             newer ? std::to_string(*newer - 1) : std::string());
    piece.start_after = above.cursor;
    if (newer) {
      piece.occurred_before = Since(*newer);
      piece.start_total = end.total_count;
    }
    pieces.push_back(std::move(piece));
    if (newer && cuts_refused) {
      auto disproof = Disproof(source, pieces.back(), Since(*newer), end.total_count);
      if (!disproof) return tl::unexpected(disproof.error());
      if (disproof->has_value()) {
        *cuts_refused = **disproof;
        return std::vector<UnitSpec>{};
      }
    }
    newer = from;
    above = end;
  }
  return pieces;
}

// One page (first: 1) of the piece's filter after its cursor. A refused
// cursor (a GraphQL error) disproves the cut; a transient failure that
// outlived the retries fails the plan, as any other request of it does.
Result<std::optional<std::string>> Planner::Disproof(TimelineSource& source, const UnitSpec& piece,
                                                     const std::string& bound,
                                                     int64_t wider_total) {
  PageRequest probe{{piece.types, piece.client_id, piece.occurred_at_get}, piece.start_after, 1};
  auto page = source.FetchPage(probe);
  if (!page) {
    if (IsRetryable(page.error().kind) || page.error().kind == ErrorKind::kAuth)
      return tl::unexpected(page.error());
    std::string why = page.error().message;  // its first sentence
    if (const auto end = why.find(". "); end != std::string::npos) why.resize(end);
    return fmt::format("the API refused the cut cursor of {} under a wider filter ({})", piece.name,
                       why);
  }
  if (page->total_count != wider_total) {
    return fmt::format(
        "the wider filter of {} counted {} entries through the cut cursor, "
        "{} when planned",
        piece.name, page->total_count, wider_total);
  }
  const auto limit = ParseIsoUtc(bound);
  if (piece.expected > 0) {
    const auto first = page->nodes.empty() ? std::nullopt : ParseIsoUtc(page->nodes[0].occurred_at);
    if (!first || !limit || *first >= *limit) {
      return fmt::format("after the cut cursor of {}, the first entry is not older than {}",
                         piece.name, bound);
    }
  } else if (!page->nodes.empty()) {
    return fmt::format("after the cut cursor of {}, entries remain where none were counted",
                       piece.name);
  }
  return std::optional<std::string>{};
}

}  // namespace gb
