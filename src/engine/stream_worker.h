// One stream of a run: claims a unit, sweeps it newest to oldest from its
// committed cursor, and commits whole pages in batches, until no unit is
// left. A fetcher thread runs ahead of the writer through a bounded queue, so
// the API and the database work at the same time while memory stays flat.
// Batches adapt to the arrival rate: a batch is committed when it reaches
// batch_size rows or when no page arrived for `flush_after`, so a slow API
// still checkpoints often. The checkpoint is the end cursor of the last page
// fully in the batch: a resume re-reads nothing that was committed.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/events.h"
#include "engine/batch.h"
#include "engine/batch_writer.h"
#include "engine/bounded_queue.h"
#include "engine/page_sizer.h"
#include "engine/retrying_session.h"
#include "engine/run_options.h"
#include "engine/transformer.h"
#include "source/object_source.h"
#include "source/timeline_source.h"

namespace gb {

// What the streams of one process share.
struct StreamShared {
  const RunOptions& options;
  int64_t run_id = 0;
  std::string worker_id;  // options.worker_id as stored (lease owner)
  TimelineSource& source;
  ObjectSource* objects = nullptr;  // the other streams' source (none: timeline only)
  Destination& destination;
  Observer& observer;
  Clock& clock;
  const Transformer& transformer;
  std::mutex* serialize = nullptr;  // one writer at a time (SQLite)
  const std::atomic<bool>& stop;    // SIGINT/SIGTERM
  size_t queue_pages = 8;
  PageSizer pages{kDefaultPageSize};  // what every stream asks, as the API's answers taught it

  std::atomic<bool> failed{false};
  std::atomic<int64_t> batch_no{0};
  std::atomic<int> active{0};  // streams still running

  bool Halted() const { return stop || failed; }
  // The first error stops every stream; later ones are consequences.
  void Fail(Error error);
  std::optional<Error> error() const;

  mutable std::mutex error_mu{};
  std::optional<Error> first_error{};
};

// A transformed page on its way from the fetcher to the writer.
struct PageWork {
  std::vector<Row> rows;
  std::vector<char> repaired;
  std::vector<Reject> rejects;
  CountTable precounted;
  int64_t fetched = 0;
  std::string end_cursor;
  bool last = false;
  std::optional<Error> error;
};

// Commits `batch` and reports it: the database's time, its rejects, the commit.
Status WriteAndReport(StreamShared& shared, BatchWriter& writer, const Batch& batch,
                      const std::string& newest_id);

class StreamWorker {
 public:
  explicit StreamWorker(StreamShared& shared);
  // Claims and loads units until none is left, the run is stopped, or fails.
  void Run();

 private:
  Result<std::optional<UnitState>> Claim();
  bool NothingToClaim();       // true when this stream should end
  bool TakeOverDeadWorkers();  // true when units were released for claiming
  Status ProcessUnit(const UnitState& unit);
  Status Drain(const UnitState& unit, BoundedQueue<PageWork>& queue);
  void Fetch(const UnitState& unit, BoundedQueue<PageWork>& queue);
  PageWork TransformPage(const UnitSpec& spec, Page& page, const std::vector<char>& keep) const;
  Status Flush(const UnitState& unit, Batch& batch);

  StreamShared& shared_;
  RetryingSession session_;
  BatchWriter writer_;
};

}  // namespace gb
