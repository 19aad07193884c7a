// One unit of another stream (streams/stream.h): its connection (or, for a
// sync's unit of new objects, the part created since the unit's date:
// UnitSpec::created_since) swept from the unit's committed cursor to its
// end, in batches committed with their checkpoint (the API's end cursor of
// the last page in the batch), so a resume re-reads nothing committed. Each
// node is checked before the database: a null item, a node without an id or
// with a malformed date is kept as a reject with its reason; an id the sweep
// already gave is counted skipped (written once). Streams are small beside
// the timeline (thousands of objects): the sweep fetches and writes in turn,
// no fetcher thread.
#pragma once

#include <string>
#include <unordered_set>

#include "engine/batch.h"
#include "engine/batch_writer.h"
#include "engine/page_sizer.h"
#include "engine/stream_worker.h"

namespace gb {

class ObjectSweep {
 public:
  ObjectSweep(StreamShared& shared, RetryingSession& session, BatchWriter& writer,
              const StreamModule& stream)
      : shared_(shared),
        session_(session),
        writer_(writer),
        stream_(stream),
        pages_(shared.options.page_size, std::string(stream.name)) {}

  Status Run(const UnitState& unit);

 private:
  // The nodes of a page into the batch (or its rejects and precounts).
  void Add(Batch& batch, ObjectPage& page);
  // Why a node cannot be stored as it is (empty: it can); sets its id.
  std::string Defect(const std::string& node, std::string* id) const;
  Status Flush(Batch& batch);

  StreamShared& shared_;
  RetryingSession& session_;
  BatchWriter& writer_;
  const StreamModule& stream_;
  std::unordered_set<std::string> seen_;  // ids this sweep gave (in this process)
  // Its connection's own: a cap or a refusal of allClients says nothing of
  // allTimelineEntries' (engine/page_sizer.h).
  PageSizer pages_;
};

}  // namespace gb
