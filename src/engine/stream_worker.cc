#include "engine/stream_worker.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <thread>

#include "core/entry_types.h"
#include "core/worker_id.h"
#include "engine/await_references.h"
#include "engine/object_sweep.h"
#include "engine/planner.h"
#include "engine/sweep_position.h"
#include "streams/registry.h"

namespace gb {
namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;

// Pages a unit may ask again (stepping back or starting over) in one process
// before it stops: entries vanishing that fast are not a shift but a fault.
constexpr int kMaxTurns = 50;

// A fetch split into waiting on the source and parsing its answer (--profile).
void ReportFetch(Observer& observer, std::chrono::steady_clock::duration took, microseconds parse) {
  const auto total = duration_cast<microseconds>(took);
  parse = std::clamp(parse, microseconds(0), total);
  observer.On(TimeSpent{kPhaseApi, total - parse});
  observer.On(TimeSpent{kPhaseParse, parse});
}

// `expected`: the rows a batch reaches (its size and a page), reserved at its
// first page so the rows are not moved again while it grows (up to 4,096: a
// huge --batch-size fed by a slow API should not hold memory it never fills).
void AddPage(Batch& batch, PageWork& work, size_t expected) {
  expected = std::min<size_t>(expected, 4096);
  if (batch.rows.capacity() < expected) batch.rows.reserve(expected);
  for (size_t i = 0; i < work.rows.size(); ++i) {
    batch.rows.push_back(std::move(work.rows[i]));
    batch.repaired.push_back(work.repaired[i]);
  }
  for (Reject& r : work.rejects) batch.rejects.push_back(std::move(r));
  for (const auto& [key, counts] : work.precounted) batch.precounted[key] += counts;
  batch.fetched += work.fetched;
  batch.checkpoint.fetched += work.fetched;
  batch.checkpoint.cursor = work.end_cursor;
  batch.checkpoint.unit_done = work.last;
  ++batch.pages;
}

// A lease owner (a stored worker id) of a process of this host that no longer exists.
bool IsDeadLocalWorker(const std::string& owner, const std::string& self) {
  const std::optional<WorkerId> id = ParseWorkerId(owner);
  if (!id || owner == self) return false;
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || id->host != host) return false;
  const auto pid = static_cast<pid_t>(id->pid);
  return pid == id->pid && pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace

void StreamShared::Fail(Error error) {
  std::lock_guard lock(error_mu);
  if (!first_error) first_error = std::move(error);
  failed = true;
}

std::optional<Error> StreamShared::error() const {
  std::lock_guard lock(error_mu);
  return first_error;
}

StreamWorker::StreamWorker(StreamShared& shared)
    : shared_(shared),
      session_(shared.destination, shared.observer, shared.clock, shared.serialize, shared.stop),
      writer_(session_, shared.observer) {}

void StreamWorker::Run() {
  while (!shared_.Halted()) {
    auto unit = Claim();
    if (!unit) {
      shared_.Fail(unit.error());
      break;
    }
    if (!*unit) {
      if (NothingToClaim()) return;  // `active` already decremented
      continue;
    }
    Status status = ProcessUnit(**unit);
    if (!status && IsLostLease(status.error())) {
      // This process stalled past its lease and another worker took the unit
      // over from the committed checkpoint: leave it to them, claim another.
      shared_.observer.On(Warning{status.error().message});
      // If the lease is still ours after all (the checkpoint moved under a
      // retried batch), hand the unit back: claimed again from its committed
      // checkpoint instead of held, and waited on, by a stream that left it.
      session_.Run([&](Session& s) { return s.ReleaseUnit((*unit)->id, shared_.worker_id); });
      continue;
    }
    if (!status) shared_.Fail(status.error());
    if (!status || shared_.Halted()) {
      // Hand the unit back at once, so a rerun need not wait for the lease.
      session_.Run([&](Session& s) { return s.ReleaseUnit((*unit)->id, shared_.worker_id); });
      break;
    }
  }
  --shared_.active;
}

Result<std::optional<UnitState>> StreamWorker::Claim() {
  std::optional<UnitState> unit;
  Status status = session_.Run([&](Session& s) -> Status {
    auto claimed = s.ClaimUnit(shared_.run_id, shared_.worker_id, shared_.options.lease);
    if (!claimed) return tl::unexpected(claimed.error());
    unit = std::move(*claimed);
    return {};
  });
  if (!status) return tl::unexpected(status.error());
  return unit;
}

// Nothing claimable: either every unit is done, or some are held by other
// streams. The other streams of this process finish their own; the last
// stream of the process waits for units held by other processes (they finish
// them, or their lease expires and this process takes them over).
bool StreamWorker::NothingToClaim() {
  if (TakeOverDeadWorkers()) return false;  // claim them now
  bool all_done = false;
  Status status = session_.Run([&](Session& s) -> Status {
    auto done = s.AllUnitsDone(shared_.run_id);
    if (!done) return tl::unexpected(done.error());
    all_done = *done;
    return {};
  });
  if (!status) shared_.Fail(status.error());
  if (!status || all_done) {
    --shared_.active;
    return true;
  }
  if (shared_.active.fetch_sub(1) > 1) return true;  // others are still working
  ++shared_.active;
  shared_.clock.SleepFor(milliseconds(1000));
  return false;
}

// A rerun after kill -9 finds the dead process's units still leased. When
// their owner ran on this host, is gone, and has missed several heartbeats,
// they are released at once instead of after the lease (a minute) expires.
// The heartbeats rule out a live worker of another pid namespace that
// happens to share the host name.
bool StreamWorker::TakeOverDeadWorkers() {
  using std::chrono::seconds;
  const auto lease = shared_.options.lease;
  const auto quiet =
      std::chrono::duration_cast<seconds>(2 * shared_.options.heartbeat) + seconds(1);
  if (quiet >= lease) return false;
  std::vector<UnitLease> leases;
  session_.Run([&](Session& s) -> Status {
    auto found = s.QuietLeases(shared_.run_id, lease, quiet);
    if (!found) return tl::unexpected(found.error());
    leases = std::move(*found);
    return {};
  });
  int released = 0;
  for (const UnitLease& l : leases) {
    if (!IsDeadLocalWorker(l.owner, shared_.worker_id)) continue;
    Status s = session_.Run([&](Session& s) { return s.ReleaseUnit(l.unit_id, l.owner); });
    if (s) ++released;
  }
  if (released > 0) {
    shared_.observer.On(Warning{"taking over " + std::to_string(released) +
                                " stream(s) left by a process of this host that is gone; "
                                "resuming from their last checkpoint"});
  }
  return released > 0;
}

Status StreamWorker::ProcessUnit(const UnitState& unit) {
  if (!unit.spec.stream.empty()) {
    const StreamModule* stream = FindStream(unit.spec.stream);
    if (stream == nullptr || shared_.objects == nullptr) {
      return Fail(ErrorKind::kConfig, "this run has a unit of stream '" + unit.spec.stream +
                                          "', which this source or version cannot load");
    }
    return ObjectSweep(shared_, session_, writer_, *stream).Run(unit);
  }
  BoundedQueue<PageWork> queue(shared_.queue_pages);
  std::thread fetcher([&] { Fetch(unit, queue); });
  // The fetcher runs ahead (up to its queue) while the streams the entries
  // point at are loading; the writes wait for them.
  Status status = AwaitReferences(shared_, session_, TimelineStream());
  if (status) status = Drain(unit, queue);
  queue.Close();  // unblocks the fetcher when the writer stopped early
  fetcher.join();
  return status;
}

Status StreamWorker::Drain(const UnitState& unit, BoundedQueue<PageWork>& queue) {
  Batch batch;
  batch.unit = unit.spec.name;
  batch.checkpoint = {shared_.run_id, unit.id, shared_.worker_id, unit.cursor, unit.fetched, false};
  for (;;) {
    PageWork work;
    const auto waiting = shared_.clock.Steady();
    const auto popped = queue.Pop(&work, shared_.options.flush_after);
    shared_.observer.On(
        TimeSpent{kPhaseQueueEmpty, duration_cast<microseconds>(shared_.clock.Steady() - waiting)});
    if (popped == BoundedQueue<PageWork>::PopResult::kClosed) break;
    if (popped == BoundedQueue<PageWork>::PopResult::kTimeout) {
      if (!batch.empty()) {
        if (Status s = Flush(unit, batch); !s) return s;
      }
      continue;
    }
    if (work.error) {
      // Keep what was fetched before the error: the rerun starts after it.
      if (!batch.empty()) {
        if (Status s = Flush(unit, batch); !s) return s;
      }
      return tl::unexpected(*work.error);
    }
    AddPage(batch, work,
            static_cast<size_t>(shared_.options.batch_size + shared_.options.page_size));
    if (batch.fetched >= shared_.options.batch_size || work.last) {
      if (Status s = Flush(unit, batch); !s) return s;
    }
    if (work.last) return {};
  }
  if (!batch.empty()) return Flush(unit, batch);
  return {};
}

void StreamWorker::Fetch(const UnitState& unit, BoundedQueue<PageWork>& queue) {
  SweepTracker sweep(unit.spec, SweepPosition::Decode(unit.cursor), shared_.source.CursorsShift());
  int turns = 0;  // pages asked again because rows may have been skipped
  while (!shared_.Halted()) {
    const std::optional<std::string> after = sweep.NextAfter();
    PageRequest request{{unit.spec.types, unit.spec.client_id, unit.spec.occurred_at_get},
                        after,
                        shared_.pages.Ask()};
    const auto start = shared_.clock.Steady();
    auto page = shared_.source.FetchPage(request);
    const auto fetched_at = shared_.clock.Steady();
    std::optional<PageSizeFound> found;
    if (page) {
      shared_.observer.On(PageFetched{unit.spec.name, static_cast<int>(page->nodes.size()),
                                      duration_cast<milliseconds>(fetched_at - start)});
      found = shared_.pages.Answered(request.first, *page);
    } else if (shared_.pages.Refused(request.first, page.error(), &found)) {
      if (found) shared_.observer.On(*found);
      continue;  // the same page again, at the size every client uses
    }
    if (found) shared_.observer.On(*found);
    std::optional<PageTake> take;
    if (page) take = sweep.Take(*page);
    if (page && take->next != PageTake::Next::kAccept) {
      if (++turns <= kMaxTurns) continue;  // the rows come again from an earlier cursor
      page = Fail(ErrorKind::kTransient,
                  "entries keep disappearing at the source under the sweep "
                  "of " +
                      unit.spec.name);
    }
    if (!page) {
      PageWork failed;
      failed.error = page.error();
      queue.Push(std::move(failed));
      break;
    }
    ReportFetch(shared_.observer, fetched_at - start, page->parse_time);
    PageWork work = TransformPage(unit.spec, *page, take->keep);
    const auto transformed_at = shared_.clock.Steady();
    shared_.observer.On(
        TimeSpent{kPhaseTransform, duration_cast<microseconds>(transformed_at - fetched_at)});
    work.end_cursor = sweep.position().Encode();
    // A page without a new cursor ends the sweep rather than looping on it.
    work.last =
        !page->has_next_page || !page->end_cursor || page->end_cursor == after || take->below_floor;
    const bool last = work.last;
    const bool pushed = queue.Push(std::move(work));
    shared_.observer.On(TimeSpent{
        kPhaseQueueFull, duration_cast<microseconds>(shared_.clock.Steady() - transformed_at)});
    if (!pushed || last) break;
  }
  queue.Close();
}

// The rows of a page that count for this unit: new to its sweep (`keep`),
// of the types it loads, and of the year it counts (a recount).
PageWork StreamWorker::TransformPage(const UnitSpec& spec, Page& page,
                                     const std::vector<char>& keep) const {
  PageWork work;
  const bool catch_all = IsCatchAllUnit(spec);
  for (size_t i = 0; i < page.nodes.size(); ++i) {
    ApiNode& node = page.nodes[i];
    if (!keep[i]) continue;
    // The catch-all unit loads only types no type unit covers (see planner.h).
    if (catch_all && IsKnownEntryType(node.type)) continue;
    Transformed t = shared_.transformer.Transform(std::move(node));
    const int year = t.outcome == Transformed::Outcome::kRejected ? t.reject.year : t.row.year;
    if (spec.count_year && year != *spec.count_year) continue;
    ++work.fetched;
    switch (t.outcome) {
      case Transformed::Outcome::kRow:
        work.rows.push_back(std::move(t.row));
        work.repaired.push_back(t.repaired);
        break;
      case Transformed::Outcome::kSkipped:
        ++work.precounted[{t.row.year, t.row.source_type}].skipped;
        break;
      case Transformed::Outcome::kRejected:
        ++work.precounted[{t.reject.year, t.reject.type}].rejected;
        work.rejects.push_back(std::move(t.reject));
        break;
    }
  }
  return work;
}

Status WriteAndReport(StreamShared& shared, BatchWriter& writer, const Batch& batch,
                      const std::string& newest_id) {
  const auto start = shared.clock.Steady();
  auto result = writer.Write(batch);
  if (!result) return tl::unexpected(result.error());
  const auto elapsed = shared.clock.Steady() - start;
  shared.observer.On(TimeSpent{kPhaseDatabase, duration_cast<microseconds>(elapsed)});
  for (const Reject& r : result->rejected) {
    shared.observer.On(RowRejected{batch.unit, r.external_id, r.year, r.sqlstate, r.reason});
  }
  shared.observer.On(BatchCommitted{batch.unit, ++shared.batch_no, batch.fetched,
                                    std::move(result->counts), duration_cast<milliseconds>(elapsed),
                                    newest_id});
  return {};
}

Status StreamWorker::Flush(const UnitState& unit, Batch& batch) {
  if (Status s = WriteAndReport(shared_, writer_, batch,
                                batch.rows.empty() ? "" : batch.rows.front().external_id);
      !s) {
    return s;
  }
  if (batch.checkpoint.unit_done) {
    shared_.observer.On(SliceDone{unit.spec.name, batch.checkpoint.fetched});
  }
  Checkpoint next = batch.checkpoint;
  batch = Batch{};
  batch.unit = unit.spec.name;
  batch.checkpoint = next;
  return {};
}

}  // namespace gb
