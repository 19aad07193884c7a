// Where timeline entries come from: the Gazelle API (GazelleClient) or an
// export file (JsonlSource). The engine sees only this interface.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/record.h"

namespace gb {

// The filters of allTimelineEntries the engine uses. The API has only a lower
// time bound (occurredAtGet, >=) and returns newest first.
struct TimelineFilter {
  std::vector<std::string> types;              // empty = all types
  std::optional<std::string> client_id;        // clientId
  std::optional<std::string> occurred_at_get;  // ISO 8601 UTC, e.g. 2016-01-01T00:00:00Z
};

struct PageRequest {
  TimelineFilter filter;
  std::optional<std::string> after;  // opaque cursor; none = from the newest
  int first = 100;
};

struct Page {
  std::vector<ApiNode> nodes;  // newest first
  std::optional<std::string> end_cursor;
  bool has_next_page = false;
  int64_t total_count = 0;  // of the filter, not of the page
  int null_items = 0;       // items of nodes the API gave as null (nodes with kNullItemDefect)
  // Of the time FetchPage took, how much went into parsing (reading and
  // parsing, for a file), so `run --profile` tells it apart from the wait.
  std::chrono::microseconds parse_time{0};
};

// The end of a filter's list (see TimelineSource::EndOf).
struct FilterEnd {
  std::optional<std::string> cursor;  // of the oldest entry
  int64_t total_count = 0;
};

class TimelineSource {
 public:
  virtual ~TimelineSource() = default;
  // One page. Transient failures are retried inside (with events); what
  // comes back as an error is final for this call (kAuth, kConfig,
  // kPermanent, or kTransient after the retry budget).
  virtual Result<Page> FetchPage(const PageRequest& request) = 0;
  // totalCount of the filter (for the plan: per-year totals by difference).
  virtual Result<int64_t> Count(const TimelineFilter& filter) = 0;
  // Count of each filter, asked together (the plan's ~40 counts): a source
  // that reads everything to count (a file) answers them in one read.
  virtual Result<std::vector<int64_t>> CountEach(const std::vector<TimelineFilter>& filters) {
    std::vector<int64_t> counts;
    for (const auto& filter : filters) {
      auto count = Count(filter);
      if (!count) return tl::unexpected(count.error());
      counts.push_back(*count);
    }
    return counts;
  }
  // `last: 1` over `filter`: the cursor of its oldest entry, and its
  // totalCount. Cursors are offsets from the newest entry, and a filter with
  // an older occurredAtGet lists the same entries first; so a sweep of that
  // wider filter that starts after this cursor skips exactly the entries of
  // `filter` (the planner splits a heavy type into time pieces this way).
  // No cursor when the filter is empty or the source cannot tell.
  virtual Result<FilterEnd> EndOf(const TimelineFilter& /*filter*/) { return FilterEnd{}; }
  // Whether cursors are offsets that move when entries arrive or are deleted
  // (the API's): a sweep then recognises rows presented again and rows
  // skipped (engine/sweep_position.h). A file's cursors do not move.
  virtual bool CursorsShift() const { return false; }
  // The company's users (allUsers), to fill the destination's users table.
  virtual Result<std::vector<ApiUser>> FetchUsers() = 0;
  // For messages: "Gazelle API at https://…" or "file dump.jsonl" (no secrets).
  virtual std::string Describe() const = 0;
  // HTTP requests sent so far (retries and replays included); 0 for a file.
  virtual int64_t RequestsSent() const { return 0; }
};

}  // namespace gb
