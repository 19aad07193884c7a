// Where the objects of a stream other than the timeline come from (clients,
// pianos, events, invoices, estimates: streams/registry.h). The engine sees
// only this interface; the Gazelle API implements it (GazelleClient).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date_span.h"
#include "core/error.h"
#include "streams/stream.h"

namespace gb {

struct ObjectPageRequest {
  const StreamModule* stream = nullptr;
  std::optional<std::string> after;  // opaque cursor; none = from the first
  int first = 100;
  DateSpan span;  // a stream bounded by --years (StreamModule::bounded): its dates
  // Only the objects created on or after this date (CoreDate; the stream's
  // StreamModule::created filter); empty: every object.
  std::string created_since = {};
};

// One count of a stream's connection: of a bounded stream within `span`,
// and of the objects created on or after `created_since` when it is set.
struct ObjectCount {
  const StreamModule* stream = nullptr;
  DateSpan span;
  std::string created_since = {};
};

// One node as the API gave it: its JSON text, with its nested list complete
// (StreamModule::nested). A null item of `nodes` is kept as "null".
struct ObjectPage {
  std::vector<std::string> nodes;
  std::optional<std::string> end_cursor;
  bool has_next_page = false;
  int64_t total_count = 0;
  int null_items = 0;
};

class ObjectSource {
 public:
  virtual ~ObjectSource() = default;
  // One page, its nested lists completed. Transient failures are retried
  // inside; what comes back as an error is final for this call.
  virtual Result<ObjectPage> FetchObjects(const ObjectPageRequest& request) = 0;
  // The totalCount of each of `counts`, asked together (aliased connections,
  // in as few requests as the API allows).
  virtual Result<std::vector<int64_t>> CountFiltered(std::span<const ObjectCount> counts) = 0;
  // The totalCount of each stream's connection; of a bounded stream, within
  // `span`. CountFiltered's.
  Result<std::vector<int64_t>> CountObjects(std::span<const StreamModule* const> streams,
                                            const DateSpan& span) {
    std::vector<ObjectCount> counts;
    counts.reserve(streams.size());
    for (const StreamModule* stream : streams) counts.push_back({stream, span});
    return CountFiltered(counts);
  }
};

}  // namespace gb
