// What `sync` reads and marks in the destination. The rows gone from the
// source, as it finds them, are listed in the bookkeeping table gb_missing
// (table, external id, when found), never deleted and never altered in their
// own table (the business's existing table keeps its columns); a row the
// source has again leaves the list, and verify's and sync's counts leave
// listed rows out. Also what sync reads to plan: the span of the timeline's
// stored entries, the ids of a stream's table, when a stream was last swept,
// its newest creation time and its rows created since a date.
// Times are epoch seconds; a table is one of the tool's
// (gazelle_timeline_entries or a stream's, streams/stream.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gb {

// The oldest and the newest occurred_at of the entries still at the source.
struct StoredSpan {
  int64_t oldest = 0;
  int64_t newest = 0;
};

class SyncStore {
 public:
  virtual ~SyncStore() = default;
  // None when the timeline table holds no entry the source still has.
  virtual Result<std::optional<StoredSpan>> TimelineSpan() = 0;
  // The ids of `table` not marked missing.
  virtual Result<std::vector<std::string>> StoredIds(std::string_view table) = 0;
  // Marks the rows of `ids` (one already marked keeps its date); how many.
  virtual Result<int64_t> Mark(std::string_view table, std::span<const std::string> ids,
                               int64_t at) = 0;
  // Unmarks the rows of `ids` the source has again; how many.
  virtual Result<int64_t> Clear(std::string_view table, std::span<const std::string> ids) = 0;
  // The rows of `table` marked missing.
  virtual Result<int64_t> CountMarked(std::string_view table) = 0;
  // When a stream (streams/stream.h) was last swept whole (not a unit of the
  // objects created since a date); none: never.
  virtual Result<std::optional<int64_t>> LastSweep(std::string_view stream) = 0;
  // Of a stream's `table` with a creation filter (StreamModule::created, its
  // `column`), the rows not marked missing: the newest creation time (none
  // when no row has one), and how many were created on or after `date`
  // (CoreDate; the creation time's date in UTC, as the API's filter).
  virtual Result<std::optional<int64_t>> NewestCreated(std::string_view table,
                                                       std::string_view column) = 0;
  virtual Result<int64_t> CountCreatedSince(std::string_view table, std::string_view column,
                                            const std::string& date) = 0;
  // Their ids (StoredIds of the rows created on or after `date`).
  virtual Result<std::vector<std::string>> StoredIdsCreatedSince(std::string_view table,
                                                                 std::string_view column,
                                                                 const std::string& date) = 0;

  // The schedule of `sync --every`, for `watch`: a worker's interval and
  // next sync (its heartbeat), removed when it stops.
  virtual Status Schedule(std::string_view worker_id, int64_t every_s, int64_t next_at) = 0;
  virtual Status Unschedule(std::string_view worker_id) = 0;
};

}  // namespace gb
