#include "engine/sync_planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "streams/registry.h"

namespace gb {

std::string NewSinceUnitName(std::string_view stream) { return std::string(stream) + ":new"; }

std::string CreatedSinceOf(const std::vector<UnitState>& units, std::string_view stream) {
  std::optional<std::string> since;
  for (const UnitState& u : units) {
    if (u.spec.stream != stream) continue;
    if (since && *since != u.spec.created_since) return "";
    since = u.spec.created_since;
  }
  return since.value_or("");
}

std::vector<std::string> SyncPlan::Swept() const {
  std::vector<std::string> names;
  for (const StreamCount& s : streams) {
    if (s.sweep()) names.push_back(s.name);
  }
  return names;
}

int SyncPlan::MonthsDiffering() const {
  return static_cast<int>(std::count_if(months.begin(), months.end(), [&](const MonthCount& m) {
    return m.differs() && m.from < floor;
  }));
}

SyncPlanner::SyncPlanner(const RunOptions& options, const YearZone& zone, TimelineSource& source,
                         ObjectSource* objects, VerifyReader& reader, SyncStore& store,
                         Clock& clock)
    : options_(options),
      zone_(zone),
      source_(source),
      objects_(objects),
      reader_(reader),
      store_(store),
      clock_(clock) {}

int64_t SyncPlanner::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
}

// From the month of `oldest` to the month of `now`, the last one open-ended.
std::vector<MonthCount> SyncPlanner::Months(int64_t oldest, int64_t now) const {
  std::vector<MonthCount> months;
  int year = zone_.YearOf(oldest), month = zone_.MonthOf(oldest);
  const int last_year = zone_.YearOf(now), last_month = zone_.MonthOf(now);
  for (;;) {
    MonthCount m{year, month, zone_.MonthStart(year, month), zone_.MonthStart(year, month + 1)};
    if (year > last_year || (year == last_year && month >= last_month)) {
      m.to = kOpenEnd;
      months.push_back(m);
      return months;
    }
    months.push_back(m);
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
}

Result<int64_t> SyncPlanner::Floor() {
  if (!span_) {
    auto span = store_.TimelineSpan();
    if (!span) return tl::unexpected(span.error());
    if (!*span) {
      return Fail(ErrorKind::kConfig,
                  "the timeline table holds no entry yet: sync brings a loaded destination up to "
                  "date; load it first with `gazelle-backfill run`, or sync only other streams "
                  "(--streams clients,…)");
    }
    span_ = *span;
  }
  return span_->newest - options_.sync->overlap.count();
}

// One request (a few for many years: the client sends its aliases in
// chunks) for Count(>= each month start) and Count(>= floor); then the table.
Result<std::vector<MonthCount>> SyncPlanner::CompareMonths() {
  auto floor = Floor();
  if (!floor) return tl::unexpected(floor.error());
  std::vector<MonthCount> months = Months(span_->oldest, std::max(Now(), span_->newest));
  std::vector<TimelineFilter> filters;
  for (const MonthCount& m : months) filters.push_back({{}, std::nullopt, FormatIsoUtc(m.from)});
  filters.push_back({{}, std::nullopt, FormatIsoUtc(*floor)});
  auto counts = source_.CountEach(filters);
  if (!counts) return tl::unexpected(counts.error());
  since_.clear();
  for (size_t i = 0; i < filters.size(); ++i) {
    since_[*ParseIsoUtc(*filters[i].occurred_at_get)] = (*counts)[i];
  }
  since_[kOpenEnd] = 0;
  for (size_t i = 0; i < months.size(); ++i) {
    months[i].source = (*counts)[i] - (i + 1 < months.size() ? (*counts)[i + 1] : 0);
    auto stored = reader_.CountBetween(months[i].from, months[i].to);
    if (!stored) return tl::unexpected(stored.error());
    months[i].stored = *stored;
  }
  return months;
}

// The table's side of a stream: its count, its last whole sweep and, for a
// stream with a creation filter whose sweep is not due, the window's floor
// (the newest stored creation time minus the overlap, as a date in UTC) and
// its rows created since then.
Result<StreamCount> SyncPlanner::Stored(const StreamModule& stream, std::optional<int64_t> due,
                                        const std::string& floor) {
  StreamCount c;
  c.name = stream.name;
  auto stored = reader_.CountStream(stream, DateSpan{});
  if (!stored) return tl::unexpected(stored.error());
  c.stored = *stored;
  if (due) {
    auto last = store_.LastSweep(c.name);
    if (!last) return tl::unexpected(last.error());
    c.last_sweep = *last;
    if (!c.last_sweep || *c.last_sweep < *due) {
      c.action = StreamAction::kWhole;
      return c;
    }
  }
  if (!stream.created) return c;
  c.since = floor;
  if (c.since.empty()) {
    auto newest = store_.NewestCreated(stream.table, stream.created->column);
    if (!newest) return tl::unexpected(newest.error());
    if (!*newest) return c;  // no creation time stored: no window to compare
    c.since = FormatIsoUtc(**newest - options_.sync->overlap.count()).substr(0, 10);
  }
  auto since = store_.CountCreatedSince(stream.table, stream.created->column, c.since);
  if (!since) return tl::unexpected(since.error());
  c.stored_since = *since;
  return c;
}

Result<std::vector<StreamCount>> SyncPlanner::CompareStreams() {
  std::vector<const StreamModule*> modules;
  for (const std::string& name : options_.streams) {
    const StreamModule* stream = FindStream(name);
    if (stream == nullptr) return Fail(ErrorKind::kConfig, "no stream named " + name);
    modules.push_back(stream);
  }
  if (modules.empty()) return std::vector<StreamCount>{};
  if (objects_ == nullptr) {
    return Fail(ErrorKind::kConfig, "only the timeline can be synced from " + source_.Describe() +
                                        "; the other streams come from the Gazelle API");
  }
  return CompareStreams(modules, Now() - options_.sync->sweep_every.count());
}

// One request for every stream's total and, of those with a window, the
// count created since its floor (aliases); then each stream's action.
Result<std::vector<StreamCount>> SyncPlanner::CompareStreams(
    std::span<const StreamModule* const> modules, std::optional<int64_t> due,
    const std::map<std::string, std::string>& floors) {
  std::vector<StreamCount> out;
  std::vector<ObjectCount> asks;
  for (const StreamModule* stream : modules) {
    auto floor = floors.find(std::string(stream->name));
    auto c = Stored(*stream, due, floor == floors.end() ? "" : floor->second);
    if (!c) return tl::unexpected(c.error());
    asks.push_back({stream, DateSpan{}});
    out.push_back(std::move(*c));
  }
  for (size_t i = 0; i < modules.size(); ++i) {
    if (!out[i].since.empty()) asks.push_back({modules[i], DateSpan{}, out[i].since});
  }
  auto counts = objects_->CountFiltered(asks);
  if (!counts) return tl::unexpected(counts.error());
  size_t window = modules.size();
  for (size_t i = 0; i < modules.size(); ++i) {
    StreamCount& c = out[i];
    c.source = (*counts)[i];
    if (!c.since.empty()) c.source_since = (*counts)[window++];
    if (c.action == StreamAction::kWhole || c.source == c.stored) continue;
    const bool older_equal =
        !c.since.empty() && c.source - c.source_since == c.stored - c.stored_since;
    c.action = older_equal ? StreamAction::kNewSince : StreamAction::kWhole;
  }
  return out;
}

Result<SyncPlan> SyncPlanner::Compare() {
  SyncPlan plan;
  plan.timeline = options_.timeline;
  if (plan.timeline && !options_.sync->reconcile) {
    auto floor = Floor();
    if (!floor) return tl::unexpected(floor.error());
    auto top = source_.Count({{}, std::nullopt, FormatIsoUtc(*floor)});
    if (!top) return tl::unexpected(top.error());
    plan.floor = *floor;
    plan.top = since_[plan.floor] = *top;
  } else if (plan.timeline) {
    auto months = CompareMonths();
    if (!months) return tl::unexpected(months.error());
    plan.months = std::move(*months);
    plan.floor = *Floor();
    plan.top = since_[plan.floor];
  }
  if (plan.timeline) {
    const int last = zone_.YearOf(std::max(Now(), span_->newest));
    for (int y = zone_.YearOf(span_->oldest); y <= last + 1; ++y) plan.years.push_back(y);
  }
  auto streams = CompareStreams();
  if (!streams) return tl::unexpected(streams.error());
  plan.streams = std::move(*streams);
  return plan;
}

Result<UnitSpec> SyncPlanner::MonthSweep(const MonthCount& month, int64_t bound,
                                         std::string* note) {
  UnitSpec unit;
  unit.name = fmt::format("sync:{:04}-{:02}", month.year, month.month);
  unit.all_types = true;
  unit.occurred_at_get = FormatIsoUtc(month.from);
  unit.occurred_before = FormatIsoUtc(bound);
  const int64_t wider = since_[month.from];
  unit.expected = wider - since_[bound];
  auto end = source_.EndOf({{}, std::nullopt, FormatIsoUtc(bound)});
  if (!end) return tl::unexpected(end.error());
  if (!end->cursor) return unit;  // nothing above it: the top is where it begins
  UnitSpec cut = unit;
  cut.start_after = end->cursor;
  cut.start_total = wider;
  auto disproof = Planner::Disproof(source_, cut, *unit.occurred_before, wider);
  if (!disproof) return tl::unexpected(disproof.error());
  if (!disproof->has_value()) return cut;
  *note = **disproof;
  return unit;
}

Result<Plan> SyncPlanner::Units(const SyncPlan& sync, std::string* note) {
  Plan plan;
  for (const StreamCount& s : sync.streams) {
    if (!s.sweep()) continue;
    UnitSpec unit;
    unit.name = s.name;
    unit.stream = s.name;
    unit.expected = s.source;
    if (s.action == StreamAction::kNewSince) {
      unit.name = NewSinceUnitName(s.name);
      unit.created_since = s.since;
      unit.expected = s.source_since;
    }
    plan.units.push_back(std::move(unit));
  }
  if (!sync.timeline) return plan;
  for (const MonthCount& m : sync.months) {
    if (!m.differs() || m.from >= sync.floor) continue;
    auto unit = MonthSweep(m, std::min(m.to, sync.floor), note);
    if (!unit) return tl::unexpected(unit.error());
    plan.expected[m.year] += unit->expected;
    plan.units.push_back(std::move(*unit));
  }
  UnitSpec top;
  top.name = "sync:top";
  top.all_types = true;
  top.occurred_at_get = FormatIsoUtc(sync.floor);
  top.expected = sync.top;
  plan.units.push_back(std::move(top));
  // The top's entries, by the year each month of it is in (the straddling
  // month's part in the floor's year).
  int64_t above = 0;  // none when not reconciling: all in the floor's year
  for (const MonthCount& m : sync.months) {
    if (m.from < sync.floor) continue;
    plan.expected[m.year] += m.source;
    above += m.source;
  }
  plan.expected[zone_.YearOf(sync.floor)] += sync.top - above;
  return plan;
}

}  // namespace gb
