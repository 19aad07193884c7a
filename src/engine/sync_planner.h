// `sync`'s plan: what to sweep to bring a loaded destination up to date,
// decided from counts (a few requests), not by reading everything again.
//
// The timeline has no update time and the API no deletion feed, so:
//  - the top: every entry from the newest stored one minus the overlap
//    (SyncOptions::overlap) up, swept newest first: new entries, and the
//    edits of recent ones (unchanged rows are skipped by the upsert);
//  - reconciliation by counts: every month from the oldest stored one to now,
//    the API's count (the difference of two occurredAtGet counts, all asked
//    together as aliases) against the table's rows still at the source. A
//    month that differs (an entry back-dated into it, one deleted from it) is
//    swept again, from the cursor of the oldest entry of the month after it,
//    proved as the planner proves its cuts (a sweep from the top otherwise).
//    Months wholly within the overlap are the top's.
//  - another stream is swept whole when its last whole sweep is older than
//    SyncOptions::sweep_every (edits leave counts equal: only a sweep finds
//    them); otherwise it costs an alias of one request (two with a creation
//    filter) while its count equals its table's. When the counts differ, a
//    stream with a creation filter (StreamModule::created: clients, pianos,
//    estimates) is compared again below a floor, the newest stored creation
//    time minus the overlap (its date in UTC, the filter's inclusive
//    CoreDate): the API's count of the objects created since the floor is
//    asked in the same request as the totals. When the totals less those
//    counts agree with the table's (only the window changed: objects
//    created, or deleted there), the objects created since the floor are
//    fetched alone ("clients:new"); otherwise (an older object deleted, or
//    one with no creation time) the stream is swept whole (as with the
//    months, a change below the floor that leaves its count equal waits for
//    the due sweep). Events and invoices have no creation filter: swept
//    whole when their count differs. A unit of new objects is not a whole
//    sweep: it does not put the due sweep off (SyncStore::LastSweep).
// Rows the source no longer has are marked afterwards (engine/missing_marker.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/iso_time.h"
#include "engine/planner.h"
#include "engine/run_options.h"
#include "sink/sync_store.h"
#include "sink/verify_reader.h"
#include "source/object_source.h"
#include "source/timeline_source.h"

namespace gb {

// One month of the timeline, [from, to) in epoch seconds; the current month
// runs on into the future (to = kOpenEnd).
struct MonthCount {
  int year = 0;
  int month = 0;
  int64_t from = 0;
  int64_t to = 0;
  int64_t source = 0;  // the API's count
  int64_t stored = 0;  // the table's rows not marked missing
  bool differs() const { return source != stored; }
};
inline constexpr int64_t kOpenEnd = 253402300799;  // 9999-12-31T23:59:59Z

// What a sync does with another stream.
enum class StreamAction {
  kEqual,     // counts equal and its whole sweep not due: nothing
  kNewSince,  // only the objects created since StreamCount::since
  kWhole,     // the whole connection (due, or more than the window differs)
};

struct StreamCount {
  std::string name;
  int64_t source = 0;
  int64_t stored = 0;
  std::optional<int64_t> last_sweep;  // epoch seconds; none: never swept whole
  // The window compared below the totals (a stream with a creation filter
  // whose sweep is not due): its floor (CoreDate, UTC; empty: none asked) and
  // the objects created on or after it, at the source and in the table.
  std::string since;
  int64_t source_since = 0;
  int64_t stored_since = 0;
  StreamAction action = StreamAction::kEqual;
  bool sweep() const { return action != StreamAction::kEqual; }
};

// The unit name of a stream's objects created since a date ("clients:new").
std::string NewSinceUnitName(std::string_view stream);
// The date a run's units of `stream` fetch the objects created since (every
// unit of it has the same UnitSpec::created_since), or empty: the whole.
std::string CreatedSinceOf(const std::vector<UnitState>& units, std::string_view stream);

struct SyncPlan {
  bool timeline = false;
  std::vector<int> years;  // oldest stored .. now (the transform's range)
  int64_t floor = 0;       // the top sweep's lower bound
  int64_t top = 0;         // the API's count at or after it
  std::vector<MonthCount> months;
  std::vector<StreamCount> streams;

  std::vector<std::string> Swept() const;  // the streams' names to sweep
  int MonthsDiffering() const;             // below the floor
};

class SyncPlanner {
 public:
  SyncPlanner(const RunOptions& options, const YearZone& zone, TimelineSource& source,
              ObjectSource* objects, VerifyReader& reader, SyncStore& store, Clock& clock);

  // The counts, per month and per stream: a kConfig error when the timeline
  // was never loaded (sync follows a backfill).
  Result<SyncPlan> Compare();
  // The timeline's months, compared again (the missing marker's question).
  Result<std::vector<MonthCount>> CompareMonths();
  // The plan's units (months differing, the top, the streams to sweep) and
  // its expected totals per year; `note` says why a month is swept from the
  // top when its cursor was not proved.
  Result<Plan> Units(const SyncPlan& plan, std::string* note);
  // The sweep of `month` below `bound`: from the cursor of the oldest entry
  // at or above `bound` when proved (else from the top; `note` says why).
  // After CompareMonths.
  Result<UnitSpec> MonthSweep(const MonthCount& month, int64_t bound, std::string* note);
  // `streams` compared again once swept (the missing marker's question): no
  // sweep is due, so a stream whose difference lies in its window alone is
  // kNewSince (its ids are compared there only). The window of a stream is
  // the one its sweep had (`floors`, by stream name: a unit's created_since)
  // or, for one swept whole, as a plan takes it.
  Result<std::vector<StreamCount>> CompareStreamsAgain(
      std::span<const StreamModule* const> streams,
      const std::map<std::string, std::string>& floors = {}) {
    return CompareStreams(streams, std::nullopt, floors);
  }

 private:
  Result<int64_t> Floor();
  std::vector<MonthCount> Months(int64_t oldest, int64_t now) const;
  Result<std::vector<StreamCount>> CompareStreams();
  // Whole when its last whole sweep is before `due` (none: never due).
  Result<std::vector<StreamCount>> CompareStreams(
      std::span<const StreamModule* const> streams, std::optional<int64_t> due,
      const std::map<std::string, std::string>& floors = {});
  // Each stream's stored counts, last whole sweep and window floor (`floor`
  // when given; before the source is asked).
  Result<StreamCount> Stored(const StreamModule& stream, std::optional<int64_t> due,
                             const std::string& floor);
  int64_t Now() const;

  const RunOptions& options_;
  const YearZone& zone_;
  TimelineSource& source_;
  ObjectSource* objects_;
  VerifyReader& reader_;
  SyncStore& store_;
  Clock& clock_;
  std::optional<StoredSpan> span_;
  std::map<int64_t, int64_t> since_;  // the API's Count(>= t), as last asked
};

}  // namespace gb
