#include "engine/sweep_position.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/entry_types.h"
#include "core/iso_time.h"

namespace gb {
namespace {

using json = nlohmann::json;

json MarkJson(const SweepMark& mark) {
  if (!mark.set()) return nullptr;
  return json::array({*mark.at, mark.ids});
}

SweepMark MarkFrom(const json& j) {
  SweepMark mark;
  if (!j.is_array() || j.size() != 2 || !j[0].is_number_integer() || !j[1].is_array()) {
    return mark;
  }
  mark.at = j[0].get<int64_t>();
  for (const auto& id : j[1]) {
    if (id.is_string()) mark.ids.push_back(id.get<std::string>());
  }
  return mark;
}

std::optional<std::string> OptText(const json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
  return j[key].get<std::string>();
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

bool SweepMark::Holds(std::string_view id) const {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool SweepMark::AtOrAbove(int64_t t, std::string_view id) const {
  return set() && (t > *at || (t == *at && Holds(id)));
}

bool SweepMark::AtOrBelow(int64_t t, std::string_view id) const {
  return set() && (t < *at || (t == *at && Holds(id)));
}

void SweepMark::Lower(int64_t t, std::string id) {
  if (!set() || t < *at) {
    at = t;
    ids.assign(1, std::move(id));
  } else if (t == *at && !Holds(id)) {
    ids.push_back(std::move(id));
  }
}

std::string SweepPosition::Encode() const {
  json j = {{"started", started}, {"total", total}};
  j["after"] = after ? json(*after) : json();
  j["back"] = back ? json(*back) : json();
  if (stepped_back) j["stepped_back"] = true;
  if (top.set()) j["top"] = MarkJson(top);
  if (bottom.set()) j["bottom"] = MarkJson(bottom);
  return Dump(j);
}

SweepPosition SweepPosition::Decode(std::string_view checkpoint) {
  SweepPosition p;
  if (checkpoint.empty()) return p;
  json j = checkpoint.front() == '{' ? json::parse(checkpoint, nullptr, false) : json();
  if (!j.is_object()) {  // a plain API cursor (a checkpoint of an older version)
    p.started = true;
    p.after = std::string(checkpoint);
    return p;
  }
  p.started = j.value("started", false);
  p.after = OptText(j, "after");
  p.back = OptText(j, "back");
  p.stepped_back = j.value("stepped_back", false);
  if (j.contains("total") && j["total"].is_number_integer()) p.total = j["total"].get<int64_t>();
  if (j.contains("top")) p.top = MarkFrom(j["top"]);
  if (j.contains("bottom")) p.bottom = MarkFrom(j["bottom"]);
  return p;
}

bool CoveredMarks::Covers(const std::string& type, bool known_type, int64_t t,
                          std::string_view id) const {
  if (all.AtOrBelow(t, id)) return true;
  for (const YearMark& y : years) {
    if (t >= y.from && t < y.until && y.top.AtOrBelow(t, id)) return true;
  }
  const std::string key = known_type ? type : std::string();
  for (const auto& [name, mark] : types) {
    if (name == key) return mark.AtOrBelow(t, id);
  }
  return false;  // that type's sweep saw nothing: any row of it is new
}

std::optional<int64_t> CoveredMarks::Floor() const {
  if (all.set()) return all.at;
  std::optional<int64_t> floor;
  for (const auto& [name, mark] : types) {
    if (mark.set() && (!floor || *mark.at < *floor)) floor = mark.at;
  }
  return floor;
}

std::string CoveredMarks::Encode() const {
  json marks = json::object();
  for (const auto& [name, mark] : types) marks[name] = MarkJson(mark);
  json j = {{"types", marks}, {"all", MarkJson(all)}};
  for (const YearMark& y : years) {
    j["years"].push_back(
        {{"year", y.year}, {"from", y.from}, {"until", y.until}, {"top", MarkJson(y.top)}});
  }
  return Dump(j);
}

CoveredMarks CoveredMarks::Decode(std::string_view text) {
  CoveredMarks marks;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return marks;
  if (j.contains("types") && j["types"].is_object()) {
    for (const auto& [name, mark] : j["types"].items()) {
      marks.types.emplace_back(name, MarkFrom(mark));
    }
  }
  if (j.contains("all")) marks.all = MarkFrom(j["all"]);
  if (j.contains("years") && j["years"].is_array()) {
    for (const json& y : j["years"]) {
      if (!y.is_object()) continue;
      YearMark mark{y.value("year", 0), y.value("from", int64_t{0}), y.value("until", int64_t{0}),
                    y.contains("top") ? MarkFrom(y["top"]) : SweepMark{}};
      if (mark.top.set()) marks.years.push_back(std::move(mark));
    }
  }
  return marks;
}

SweepTracker::SweepTracker(const UnitSpec& spec, SweepPosition start, bool shifting)
    : spec_(spec), position_(std::move(start)), shifting_(shifting) {
  if (spec.occurred_before) bound_ = ParseIsoUtc(*spec.occurred_before);
  if (spec.stop_at) covered_ = CoveredMarks::Decode(*spec.stop_at);
  if (!position_.started && position_.total < 0) position_.total = spec.start_total;
}

std::optional<std::string> SweepTracker::NextAfter() const {
  if (!position_.started) return spec_.start_after;
  return position_.after;
}

std::vector<SweepTracker::Placed> SweepTracker::Place(const Page& page) const {
  std::vector<Placed> placed(page.nodes.size());
  for (size_t i = 0; i < page.nodes.size(); ++i) {
    const ApiNode& node = page.nodes[i];
    if (!node.id.empty() && node.defect.empty()) placed[i].at = ParseIsoUtc(node.occurred_at);
  }
  return placed;
}

int64_t SweepTracker::Again(const Page& page, const std::vector<Placed>& placed) const {
  int64_t again = 0;
  for (size_t i = 0; i < placed.size(); ++i) {
    const auto& at = placed[i].at;
    if (at && ((bound_ && *at >= *bound_) || position_.bottom.AtOrAbove(*at, page.nodes[i].id))) {
      ++again;
    }
  }
  return again;
}

// A page connects to what was read when nothing above it can have been
// skipped: it was asked from the top, it begins with rows read before (or
// above the unit's bound), or the filter did not lose entries since the last page.
bool SweepTracker::Connected(const Page& page, bool from_top, int64_t again) const {
  if (from_top || again > 0 || position_.total < 0) return true;
  return page.total_count >= position_.total;
}

PageTake SweepTracker::Take(const Page& page) {
  PageTake take;
  const std::optional<std::string> used = NextAfter();
  const bool from_top = !used;
  if (!shifting_) {  // a file: every row is new, no time is needed
    take.keep.assign(page.nodes.size(), 1);
    Moved(page, used);
    return take;
  }
  const std::vector<Placed> placed = Place(page);
  take.again = Again(page, placed);
  if (!Connected(page, from_top, take.again)) {
    const bool can_step_back =
        position_.started && !position_.stepped_back && position_.back != used;
    take.next = can_step_back ? PageTake::Next::kStepBack : PageTake::Next::kRestart;
    position_.started = true;
    position_.after = can_step_back ? position_.back : std::nullopt;
    position_.stepped_back = can_step_back;
    return take;
  }
  Advance(page, placed, from_top, &take);
  Moved(page, used);
  return take;
}

void SweepTracker::Moved(const Page& page, const std::optional<std::string>& used) {
  position_.started = true;
  position_.stepped_back = false;
  position_.back = used;
  position_.total = page.total_count;
  if (page.end_cursor && !page.nodes.empty()) position_.after = page.end_cursor;
}

void SweepTracker::Advance(const Page& page, const std::vector<Placed>& placed, bool from_top,
                           PageTake* take) {
  take->keep.assign(page.nodes.size(), 1);
  const bool top_sweep = from_top && !spec_.start_after && !bound_;
  const std::optional<int64_t> floor = covered_ ? covered_->Floor() : std::nullopt;
  for (size_t i = 0; i < page.nodes.size(); ++i) {
    const ApiNode& node = page.nodes[i];
    const auto& at = placed[i].at;
    if (!at) {
      take->keep[i] = !covered_;  // undated: cannot tell whether a top-up covers it
      continue;
    }
    if ((bound_ && *at >= *bound_) || position_.bottom.AtOrAbove(*at, node.id)) {
      take->keep[i] = 0;
      continue;
    }
    // The top: the newest second of a sweep that began at the top, with
    // every id read at it (they may run over onto the next pages).
    const bool at_top = position_.top.set() && *at == *position_.top.at;
    if ((top_sweep && !position_.top.set()) || at_top) position_.top.Lower(*at, node.id);
    position_.bottom.Lower(*at, node.id);
    if (covered_ && covered_->Covers(node.type, IsKnownEntryType(node.type), *at, node.id)) {
      take->keep[i] = 0;
    }
    if (floor && *at < *floor) take->below_floor = true;
  }
}

}  // namespace gb
