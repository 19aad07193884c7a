// The other streams' closing check (streams/stream.h): each stream's count
// asked again (one aliased request for all, ObjectSource::CountObjects)
// against the run's own counters for it (loaded + repaired + rejected). A
// stream that differs — objects created or deleted at the source while it
// was loaded, or since the run finished — is swept again whole by a recount
// unit ("recount:clients:1"): its counters and rejects are cleared as the
// unit is added (in the same transaction), so each object is counted once;
// the rows already stored come back unchanged and cost no write. Once per
// stream and attempt. Used at the end of a load and when a finished run is
// run again (instead of "already complete" while a stream differs). A sync's
// stream whose units fetch only the objects created since a date
// (UnitSpec::created_since) is compared on those, and recounted on those.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "engine/retrying_session.h"
#include "source/object_source.h"

namespace gb {

struct StreamDifference {
  std::string stream;
  int64_t source = 0;   // the API's totalCount now
  int64_t counted = 0;  // the run's counters: loaded + repaired + rejected
  std::string since;    // the run's units of it: created since (empty: the whole)
};

class StreamRecount {
 public:
  // `span`: the dates of the streams bounded by --years (SpanOfYears).
  StreamRecount(const std::vector<std::string>& streams, ObjectSource& objects,
                const DateSpan& span, RetryingSession& session, int64_t run_id);

  // The streams whose count differs from the run's, in the run's order.
  Result<std::vector<StreamDifference>> Compare();
  // A recount unit for each stream not recounted yet by this attempt; the
  // number added (0: none left to try, or another process of the run added
  // them first). `differences` as Compare gave them.
  Result<int> AddRecounts(const std::vector<StreamDifference>& differences);

  // "clients (API 4,012, loaded 4,000)", "clients created since 2026-01-02
  // (API 12, loaded 10)": for a warning.
  static std::string Describe(const std::vector<StreamDifference>& differences);

 private:
  std::vector<std::string> streams_;
  ObjectSource& objects_;
  DateSpan span_;
  RetryingSession& session_;
  int64_t run_id_;
  std::set<std::string> recounted_;
};

}  // namespace gb
