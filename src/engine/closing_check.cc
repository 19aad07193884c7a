#include "engine/closing_check.h"

#include <algorithm>

#include "core/entry_types.h"
#include "core/iso_time.h"
#include "engine/transformer.h"

namespace gb {
namespace {

bool IsCheckUnit(const UnitSpec& spec) { return spec.stop_at || spec.count_year; }

// A sweep of one type (or the catch-all) that began at the top of its filter.
bool IsTopSweep(const UnitSpec& spec) {
  return !IsCheckUnit(spec) && !spec.start_after && !spec.occurred_before && !spec.client_id;
}

int64_t CountOf(const std::map<int, int64_t>& m, int year) {
  auto it = m.find(year);
  return it == m.end() ? 0 : it->second;
}

}  // namespace

bool YearsCompared::Equal() const {
  if (newest_uncovered) return false;
  for (const auto& [year, n] : source) {
    if (CountOf(counted, year) > n) return false;
  }
  return Missing() <= undated;
}

bool YearsCompared::Short() const { return newest_uncovered || Missing() > 0; }

int64_t YearsCompared::Missing() const {
  int64_t missing = 0;
  for (const auto& [year, n] : source) missing += std::max<int64_t>(0, n - CountOf(counted, year));
  return missing;
}

std::vector<int> YearsCompared::Differing() const {
  std::vector<int> years;
  for (const auto& [year, n] : source) {
    if (CountOf(counted, year) != n || newest_uncovered == year) years.push_back(year);
  }
  return years;
}

std::string YearsCompared::DifferingYears() const {
  std::string out;
  for (int year : Differing()) out += (out.empty() ? "" : ", ") + std::to_string(year);
  return out;
}

ClosingCheck::ClosingCheck(const Planner& planner, const std::vector<int>& years,
                           TimelineSource& source, RetryingSession& session, int64_t run_id)
    : planner_(planner), years_(years), source_(source), session_(session), run_id_(run_id) {}

Result<YearsCompared> ClosingCheck::Compare() {
  auto totals = planner_.CountYears(source_);
  if (!totals) return tl::unexpected(totals.error());
  auto counts = session_.Read<CountTable>([&](Session& s) { return s.RunCounts(run_id_); });
  if (!counts) return tl::unexpected(counts.error());
  YearsCompared compared;
  if (source_.CursorsShift()) {
    auto newest = NewestUncovered();
    if (!newest) return tl::unexpected(newest.error());
    compared.newest_uncovered = *newest;
  }
  compared.source = std::move(*totals);
  for (const auto& [key, c] : *counts) {
    if (compared.source.contains(key.year)) {
      compared.counted[key.year] += c.loaded() + c.repaired + c.rejected;
    } else if (key.year < Transformer::kMinYear || key.year > Transformer::kMaxYear) {
      compared.undated += c.rejected;
    }
  }
  return compared;
}

Result<std::vector<UnitState>> ClosingCheck::Units() {
  return session_.Read<std::vector<UnitState>>([&](Session& s) { return s.RunUnits(run_id_); });
}

CoveredMarks ClosingCheck::CoveredBy(const std::vector<UnitState>& units) const {
  CoveredMarks marks;
  std::set<int> recounts;
  for (auto it = units.rbegin(); it != units.rend(); ++it) {  // the newest first
    const int* year = it->spec.count_year ? &*it->spec.count_year : nullptr;
    if (!year || !recounts.insert(*year).second) continue;
    SweepMark top = SweepPosition::Decode(it->cursor).top;
    if (!top.set()) continue;
    marks.years.push_back({*year, ParseIsoUtc(planner_.Since(*year)).value_or(0),
                           ParseIsoUtc(planner_.Since(*year + 1)).value_or(0), std::move(top)});
  }
  for (auto it = units.rbegin(); it != units.rend(); ++it) {
    if (!it->spec.stop_at) continue;
    marks.all = SweepPosition::Decode(it->cursor).top;  // the newest top-up's
    if (marks.all.set()) return marks;
    break;
  }
  for (const UnitState& u : units) {
    if (!IsTopSweep(u.spec)) continue;
    SweepMark top = SweepPosition::Decode(u.cursor).top;
    if (top.set()) marks.types.emplace_back(u.spec.types.empty() ? "" : u.spec.types.front(), top);
  }
  return marks;
}

Result<std::optional<int>> ClosingCheck::NewestUncovered() {
  PageRequest request;
  request.filter.occurred_at_get = planner_.Since(years_.front());
  request.first = 1;
  auto page = source_.FetchPage(request);
  if (!page) return tl::unexpected(page.error());
  if (page->nodes.empty()) return std::optional<int>();
  const ApiNode& node = page->nodes.front();
  const std::optional<int64_t> at = ParseIsoUtc(node.occurred_at);
  if (node.id.empty() || !node.defect.empty() || !at) return std::optional<int>();
  std::optional<int> year;
  for (int y : years_) {
    const auto from = ParseIsoUtc(planner_.Since(y));
    const auto until = ParseIsoUtc(planner_.Since(y + 1));
    if (from && until && *at >= *from && *at < *until) year = y;
  }
  if (!year) return std::optional<int>();  // after the run's years: not its to load
  auto units = Units();
  if (!units) return tl::unexpected(units.error());
  if (CoveredBy(*units).Covers(node.type, IsKnownEntryType(node.type), *at, node.id)) {
    return std::optional<int>();
  }
  return year;
}

// A first top-up always; another only when the last one found entries (they
// may still be arriving), never more than three per attempt.
bool ClosingCheck::TopUpWorthIt(const std::vector<UnitState>& units) const {
  if (top_ups_ == 0) return true;
  if (top_ups_ >= 3) return false;
  for (auto it = units.rbegin(); it != units.rend(); ++it) {
    if (it->spec.stop_at) return it->fetched > 0;
  }
  return false;
}

Result<ClosingCheck::Remedy> ClosingCheck::AddRemedy(const YearsCompared& compared) {
  Status status = session_.Run([&](Session& s) { return s.UpdatePlan(run_id_, compared.source); });
  if (!status) return tl::unexpected(status.error());
  auto units = Units();
  if (!units) return tl::unexpected(units.error());
  auto count = [&](const std::string& prefix) {
    return std::count_if(units->begin(), units->end(),
                         [&](const UnitState& u) { return u.spec.name.starts_with(prefix); });
  };
  std::vector<UnitSpec> specs;
  Remedy remedy;
  if (compared.Short() && source_.CursorsShift() && TopUpWorthIt(*units)) {
    ++top_ups_;
    UnitSpec& top_up = specs.emplace_back();
    top_up.name = "top-up:" + std::to_string(count("top-up:") + 1);
    top_up.occurred_at_get = planner_.Since(years_.front());
    top_up.stop_at = CoveredBy(*units).Encode();
    remedy.message = compared.Missing() > 0
                         ? "final check: " + std::to_string(compared.Missing()) +
                               " entries at the source are not loaded; loading what arrived "
                               "since the sweeps began"
                         : "final check: the newest entry at the source arrived after the "
                           "sweeps began; loading what arrived since";
  } else {
    for (int year : compared.Differing()) {
      if (!recounted_.insert(year).second) continue;
      const std::string prefix = "recount:" + std::to_string(year) + ":";
      UnitSpec& recount = specs.emplace_back();
      recount.name = prefix + std::to_string(count(prefix) + 1);
      recount.occurred_at_get = planner_.Since(year);
      recount.count_year = year;
    }
    remedy.message = "final check: " + compared.DifferingYears() +
                     " differ from the source; counting them again";
  }
  if (Status added = Add(specs); !added) return tl::unexpected(added.error());
  remedy.units = static_cast<int>(specs.size());
  return remedy;
}

// Each unit is added unless it exists or another unit of the run is still at
// work (its counts are not final yet): the streams then load what is there.
Status ClosingCheck::Add(const std::vector<UnitSpec>& specs) {
  for (const UnitSpec& spec : specs) {
    Status status = session_.Run([&](Session& s) -> Status {
      auto added = s.AddUnit(run_id_, spec);
      if (!added) return tl::unexpected(added.error());
      return {};
    });
    if (!status) return status;
  }
  return {};
}

}  // namespace gb
