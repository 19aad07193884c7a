// The plan of a run: the exact expected total per requested year, the work
// units the streams share, and the fingerprint of the parameters that define
// the data (a resume with other parameters is refused).
//
// Expected totals: the API has only a lower time bound, so the count of year
// y is Count(>= Jan 1 of y) - Count(>= Jan 1 of y+1), both in the run's zone.
//
// Units: one per entry type (the `types` filter), each sweeping newest to
// oldest down to Jan 1 of the oldest requested year, so `--concurrency N`
// streams have work. A row whose type is not one of the 28 would be in no
// type unit; so the plan compares the sum of the per-type counts with the
// unfiltered count, and when they differ adds one unfiltered catch-all unit
// (kCatchAllUnit). That unit writes and counts only rows of unknown types;
// rows of the 28 known types are ignored there as covered by their own type
// unit, so every row is counted exactly once.
//
// Heavy types are split in time, so that 8 streams (on one machine or
// several) finish together instead of waiting on the one big type: the API
// has no upper time bound, but its cursors are offsets from the newest
// entry, so a piece [B2, B1) is the filter occurredAtGet >= B2 swept from the
// cursor of the oldest entry >= B1 (`last: 1`). Cuts are placed at year
// starts from the plan's per-year totals, then asked exactly (one request per
// cut gives the cursor and the totalCount), so every unit's expected count is
// known; units are claimed biggest first (the longest sweeps start first).
//
// Nothing in the real API promises that a cursor from one filter is an
// offset another filter honours, so every cut is proved before it is used:
// one page of the wider filter after the cut cursor must be accepted, report
// the wider filter's planned totalCount, and start strictly older than the
// cut's bound (or be empty when the piece is). When any cut fails its proof,
// no type is cut (Plan::cuts_refused says why; the run logs it as a Warning).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/iso_time.h"
#include "engine/run_options.h"
#include "sink/destination.h"
#include "source/timeline_source.h"

namespace gb {

inline constexpr const char* kCatchAllUnit = "other-types";
// The streams the split balances for (the default concurrency on PostgreSQL),
// and the smallest piece worth a unit of its own (5 pages).
inline constexpr int kBalancedStreams = 8;
inline constexpr int64_t kMinPiece = 500;

struct Plan {
  std::map<int, int64_t> expected;  // year -> exact expected total
  std::vector<UnitSpec> units;
  int64_t unknown_type_rows = 0;  // rows of types outside the 28 (catch-all unit)
  std::string cuts_refused;       // why time cuts were not used (empty: used, or none needed)
};

// True for the catch-all unit (no type filter).
bool IsCatchAllUnit(const UnitSpec& spec);

class Planner {
 public:
  Planner(const RunOptions& options, const YearZone& zone);

  // The parameters that define the data to load, as JSON (shown when a
  // resume is refused), and their fingerprint.
  std::string ParamsJson(const std::string& source_description) const;
  std::string Fingerprint(const std::string& source_description) const;
  // Whether a run's parameters (RunRecord::params_json) are a sync's.
  static bool IsSync(const std::string& params_json);

  // Asks the source for counts (one per year boundary + 28 for the units).
  Result<Plan> Make(TimelineSource& source) const;  // years must be non-empty
  // The exact total of each year now, the plan's way, in one CountEach (one
  // aliased request over the API): the closing check's question.
  Result<std::map<int, int64_t>> CountYears(TimelineSource& source) const;
  // Jan 1, 00:00 of `year` in the run's zone, as the API's occurredAtGet.
  std::string Since(int year) const;

  // The units a resumed run would have had (for sizing concurrency only).
  static int TypeUnitCount();

  // Why the source does not honour `piece`'s cursor under its filter as an
  // offset past the cut at `bound` (none: proved). `wider_total` is the
  // planned count of the piece's filter. Also sync's month sweeps' proof.
  static Result<std::optional<std::string>> Disproof(TimelineSource& source, const UnitSpec& piece,
                                                     const std::string& bound, int64_t wider_total);

 private:
  std::string SyncParamsJson(const std::string& source_description) const;
  struct Counts {
    std::map<int, int64_t> since;   // year -> Count(>= Jan 1 of year)
    std::vector<int64_t> per_type;  // of kEntryTypes, from the oldest year
  };
  Result<Counts> Ask(TimelineSource& source) const;
  // How heavy types are cut: the piece size aimed at, and the estimated
  // share of the swept entries at or after each year start.
  struct Split {
    int64_t target = 0;
    std::map<int, double> shares;
  };
  Result<std::vector<UnitSpec>> Units(TimelineSource& source,
                                      const std::map<int, int64_t>& expected, const Counts& counts,
                                      bool cut, int64_t* unknown_rows,
                                      std::string* cuts_refused) const;
  std::map<int, double> YearShares(const std::map<int, int64_t>& expected, int64_t all) const;
  // The year starts whose counts give the per-year totals (each year and the
  // next), and Count(>= Jan 1) of each, the first filters of the plan's question.
  std::set<int> Bounds() const;
  std::vector<TimelineFilter> BoundaryFilters() const;
  // The sweep of `type` down to Jan 1 of `from`, `expected` entries.
  UnitSpec TypeUnit(const std::string& type, int from, int64_t expected) const;
  // One unit for `type`, or its time pieces when it holds more than ~1.5
  // targets and the source gives cursors.
  Result<std::vector<UnitSpec>> TypeUnits(TimelineSource& source, const std::string& type,
                                          int64_t count, const Split& split,
                                          std::string* cuts_refused) const;
  Result<std::vector<UnitSpec>> Pieces(TimelineSource& source, const std::string& type,
                                       int64_t count, const std::vector<int>& cuts,
                                       std::string* cuts_refused) const;
  const RunOptions& options_;
  const YearZone& zone_;
};

}  // namespace gb
