// After a sync's sweeps, the rows the source no longer has: listed with the
// time they were found gone (gb_missing, sink/sync_store.h), never deleted; a row
// marked before that the source has again is unmarked. Counts say where to
// look, so an unchanged source costs one request:
//  - the timeline: every month is compared again (SyncPlanner::CompareMonths);
//    in each that still differs the source's ids are paged (from the month's
//    proved cursor) and set against the table's;
//  - a stream whose count still differs from its table's: its ids paged the
//    same way; of a stream with a creation filter whose older objects match
//    (SyncPlanner::CompareStreamsAgain), only the ids created since the
//    window's floor, on both sides.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "engine/sync_planner.h"
#include "sink/sync_store.h"
#include "sink/verify_reader.h"
#include "source/object_source.h"
#include "source/timeline_source.h"

namespace gb {

// What the marker did to one table.
struct MarksMade {
  std::string stream;    // "timeline", "clients", ...
  int64_t marked = 0;    // rows found gone now
  int64_t restored = 0;  // rows marked before that the source has again
  int64_t months = 0;    // the timeline's months whose ids were compared
  int64_t total = 0;     // the table's rows marked missing now, all told
};

class MissingMarker {
 public:
  MissingMarker(SyncPlanner& planner, TimelineSource& source, ObjectSource* objects,
                VerifyReader& reader, SyncStore& store, Clock& clock, int page_size);

  // The timeline when asked, and each of `streams` (their names); `floors`:
  // the creation date each stream's sweep fetched the objects since (by
  // name; a stream swept whole has none).
  Result<std::vector<MarksMade>> Mark(bool timeline, const std::vector<std::string>& streams,
                                      const std::map<std::string, std::string>& floors = {});

 private:
  Result<MarksMade> Timeline();
  Result<MarksMade> Stream(const StreamModule& stream,
                           const std::map<std::string, std::string>& floors);
  // The source's ids of [month.from, month.to).
  Result<std::vector<std::string>> MonthIds(const MonthCount& month);
  // The source's ids of `stream`; created on or after `since` when set.
  Result<std::vector<std::string>> StreamIds(const StreamModule& stream, const std::string& since);
  // Marks the stored ids the source lacks, unmarks the source's.
  Status Settle(std::string_view table, const std::vector<std::string>& source_ids,
                std::vector<std::string> stored_ids, MarksMade& made);
  int64_t Now() const;
  // The table's marked rows, all told, into `made`.
  Status Total(std::string_view table, MarksMade& made);

  SyncPlanner& planner_;
  TimelineSource& source_;
  ObjectSource* objects_;
  VerifyReader& reader_;
  SyncStore& store_;
  Clock& clock_;
  int page_size_;
};

}  // namespace gb
