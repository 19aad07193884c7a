// The run's last step before it says "done": the source's per-year totals
// asked again (the planner's question, one aliased request) against the run's
// own counters. "Done" means equal at that moment. Otherwise a remedy is added
// to the run as units, loaded by the same streams, and the totals are asked
// again, a bounded number of times (BackfillRun then says what differs):
//  - a top-up: one sweep of every type from the top down to where the units'
//    sweeps began (their top marks, engine/sweep_position.h), loading only the
//    rows above them: the entries that arrived since. A later top-up stops at
//    the previous one's top. Tried while a year is short and the last top-up
//    found something.
//    Counts alone can balance while entries are missing (arrivals offset by
//    deletions of rows already loaded), so the comparison also asks the
//    source's newest entry (first: 1): one that no sweep covers makes its
//    year differ.
//  - a recount of each year that still differs (rows missing below the tops,
//    or entries deleted at the source, so that the count went down): its
//    counters and rejects are cleared as the unit is added, and the year is
//    swept again from the top and counted once. Once per year and attempt.
// Units are named by their number in the run ("top-up:2", "recount:2019:1"):
// two processes of one run checking at once add one unit, and share it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "engine/planner.h"
#include "engine/retrying_session.h"
#include "engine/sweep_position.h"
#include "source/timeline_source.h"

namespace gb {

// The source's totals against the run's counters, per requested year.
struct YearsCompared {
  std::map<int, int64_t> source;   // now
  std::map<int, int64_t> counted;  // loaded + repaired + rejected
  // Rejected rows without a readable year (no id, no time): the source counts
  // them in a year the run cannot know, so a shortfall up to this many is theirs.
  int64_t undated = 0;
  // The year of the source's newest entry when no sweep of the run covers it
  // (it arrived after they began); none when covered, or not asked.
  std::optional<int> newest_uncovered;

  bool Equal() const;
  bool Short() const;                  // some year has more at the source
  std::vector<int> Differing() const;  // ascending
  std::string DifferingYears() const;  // "2019, 2026"
  int64_t Missing() const;             // entries more at the source, all years
};

class ClosingCheck {
 public:
  ClosingCheck(const Planner& planner, const std::vector<int>& years, TimelineSource& source,
               RetryingSession& session, int64_t run_id);

  Result<YearsCompared> Compare();
  // Adds the next remedy's units (the plan's totals replaced by `compared`'s
  // first): how many, and what they do (for the log).
  struct Remedy {
    int units = 0;  // 0: nothing left to try in this attempt
    std::string message;
  };
  Result<Remedy> AddRemedy(const YearsCompared& compared);

 private:
  Result<std::vector<UnitState>> Units();
  // The top-up's stop marks: the previous top-up's top, else each type
  // sweep's top (none: a sweep that read nothing covers nothing); and each
  // recounted year's last recount top.
  CoveredMarks CoveredBy(const std::vector<UnitState>& units) const;
  // The year of the source's newest entry in the run's years, when the run's
  // sweeps do not cover it.
  Result<std::optional<int>> NewestUncovered();
  bool TopUpWorthIt(const std::vector<UnitState>& units) const;
  Status Add(const std::vector<UnitSpec>& specs);

  const Planner& planner_;
  std::vector<int> years_;
  TimelineSource& source_;
  RetryingSession& session_;
  int64_t run_id_;
  int top_ups_ = 0;          // added by this attempt
  std::set<int> recounted_;  // years recounted by this attempt
};

}  // namespace gb
