// Where rows go: SQLite (embedded default) or PostgreSQL. A Destination is a
// thread-safe factory of Sessions; a Session is one connection used by one
// thread at a time. Every statement comes from sql/<dialect>/*.sql.
//
// Write protocol for one batch (the engine drives it; bisecting is the
// engine's job, done inside one transaction with savepoints):
//   Begin()
//   WriteRows(rows)      -> counts per (year,type), or kData error with the
//                           savepoint rolled back (transaction still usable)
//   ... WriteRows(half) ... (bisect on kData)
//   RecordRejects(...)   -> rows kept with their reason
//   SaveProgress(...)    -> unit checkpoint + counter deltas
//   Commit()
// so rows, rejects, checkpoint and counters are committed together or not at all.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/events.h"
#include "core/record.h"
#include "core/row_links.h"
#include "core/table_exposure.h"
#include "core/wait_reason.h"
#include "core/worker_id.h"
#include "core/worker_state.h"
#include "streams/stream.h"

namespace gb {

struct SchemaOptions {
  bool legacy_types = false;  // informational; the table's CHECK is never altered
  // Close the tables that existed before and are open to the API roles
  // (run --close-exposed-tables); otherwise they are only reported.
  bool close_exposed = false;
  // The timeline's links declared as foreign keys when its table is created
  // (streams/timeline/timeline_links.h); the users' one always is.
  LinkSet entry_links = 0;
};

struct SchemaReport {
  bool entries_created = false;  // gazelle_timeline_entries did not exist
  bool users_created = false;    // users did not exist (fill it from the API)
  // Columns an existing users table lacked and got (nullable), in table order.
  std::vector<std::string> users_columns_added;
  // PostgreSQL: the schema of the bookkeeping tables ("gazelle_backfill"),
  // and those an earlier version had left in public and that moved there now,
  // with their data (an unfinished run resumes). Empty for SQLite.
  std::string bookkeeping_schema;
  std::vector<std::string> moved_tables;
  // Tables that existed before, open to the API roles (Supabase's anon and
  // authenticated): reported with the statements that close them, and
  // closed (TableExposure::closed) only when SchemaOptions::close_exposed.
  std::vector<TableExposure> exposed;
};

// Links given back now, and those still nulled (the row they point at is not there).
struct LinkCounts {
  int64_t restored = 0;
  int64_t unlinked = 0;
};

// A unit of work: one stream's sweep newest-to-oldest over a filter.
struct UnitSpec {
  std::string name;                      // e.g. "type:SERVICE_ENTRY_MANUAL"
  std::vector<std::string> types;        // API filter
  std::optional<std::string> client_id;  // API filter
  std::string occurred_at_get;           // lower bound, ISO UTC
  // A later time piece of a heavy type starts after this cursor (the oldest
  // entry of the newer piece), not at the newest entry; see engine/planner.h.
  std::optional<std::string> start_after;
  int64_t expected = -1;  // entries the plan counted for this unit (-1: not counted)
  // Rows at or after this instant (ISO UTC) belong to the newer piece of the
  // type: a piece's start cursor shifts when entries arrive, so its first page
  // may begin above it (engine/sweep_position.h).
  std::optional<std::string> occurred_before = std::nullopt;
  int64_t start_total = -1;  // the filter's totalCount when start_after was taken
  // Units the closing check adds (engine/closing_check.h): what earlier sweeps
  // covered (a top-up; engine-encoded), or the one year counted again (a recount).
  std::optional<std::string> stop_at = std::nullopt;
  std::optional<int> count_year = std::nullopt;
  // A unit of another stream (streams/stream.h): its name; the sweep is of
  // that stream's connection from the first object, and the fields above
  // are unused. Empty: a timeline unit.
  std::string stream = {};
  // A stream's sweep added because its count differed from the source's
  // (engine/stream_recount.h): the stream counted again from zero.
  bool recount = false;
  // A sync's unit of another stream that fetches only the objects created on
  // or after this date (CoreDate, UTC; the stream's CreatedFilter), not the
  // whole connection (engine/sync_planner.h). Empty: the whole.
  std::string created_since = {};
  // A sync's sweep of a span of the timeline (engine/sync_planner.h): every
  // type, unfiltered, each row loaded (not the catch-all unit of unknown types).
  bool all_types = false;
};

struct UnitState {
  int64_t id = 0;
  int64_t run_id = 0;
  UnitSpec spec;
  std::string cursor;  // empty = start from the newest
  int64_t fetched = 0;
  std::string state;  // pending | running | done
};

struct RunRecord {
  int64_t id = 0;
  std::string fingerprint;  // of the parameters that define the data to load
  std::string params_json;  // shown to the user when refusing a resume
  RunState state = RunState::kPlanned;
  std::map<int, int64_t> expected;  // the plan
  std::chrono::system_clock::time_point started_at;
  int units = 0;  // how many units the plan split it into
};

struct NewRun {
  std::string fingerprint;
  std::string params_json;
  std::map<int, int64_t> expected;
  std::vector<UnitSpec> units;
};

struct Checkpoint {
  int64_t run_id = 0;
  int64_t unit_id = 0;
  std::string worker_id;
  std::string cursor;   // end cursor of the last page whose rows are all in this batch
  int64_t fetched = 0;  // total fetched by the unit after this batch
  bool unit_done = false;
  // What the unit had fetched before this batch: the checkpoint only moves from
  // there, so a batch whose COMMIT succeeded but whose acknowledgement was lost
  // is recognised on retry instead of being written and counted twice.
  int64_t fetched_before = 0;
};

// A worker's heartbeat: what it is doing, for watch (state and reason). The
// reason is stored as its code and fields (core/wait_reason.h), never as words.
struct WorkerBeat {
  int64_t run_id = 0;
  WorkerId worker;
  WorkerState state = WorkerState::kRunning;
  WaitReason reason;
  std::chrono::seconds lease{60};  // renew leases of units held by this worker
};

// A unit held by a worker (state running), for taking over the units of a
// worker that is known to be dead.
struct UnitLease {
  int64_t unit_id = 0;
  std::string owner;  // a worker id as stored (core/worker_id.h: ParseWorkerId)
};

// The error code SaveProgress fails with when another worker has taken the
// unit over (this worker's lease expired): the batch must be abandoned, not retried.
inline constexpr std::string_view kLostLeaseCode = "lease";
inline bool IsLostLease(const Error& error) { return error.code == kLostLeaseCode; }

// The error code SaveProgress fails with when this very batch is already
// committed (an earlier attempt's COMMIT went through but its answer was lost):
// the retry is rolled back and the batch counts as written, once.
inline constexpr std::string_view kAlreadySavedCode = "saved";
inline bool IsAlreadySaved(const Error& error) { return error.code == kAlreadySavedCode; }

class Session {
 public:
  virtual ~Session() = default;

  // Schema: creates gazelle_timeline_entries, users and the tool's own
  // tables when absent, closed to the API roles of a hosted database; never
  // alters an existing entries table (an exposed one is reported, and closed
  // only when options.close_exposed).
  virtual Result<SchemaReport> EnsureSchema(const SchemaOptions& options) = 0;
  virtual Status UpsertUsers(std::span<const ApiUser> users) = 0;
  // Entries whose link pointed at a row not there (the link NULL, the
  // original kept in metadata.unresolved_<link>_id: core/row_links.h) and
  // whose row now exists get their link back, in one transaction. Counts
  // entries: restored when all their links are back.
  virtual Result<LinkCounts> RestoreEntryLinks() { return LinkCounts{}; }

  // Runs and units.
  virtual Result<std::optional<RunRecord>> LatestRun() = 0;
  virtual Result<RunRecord> CreateRun(const NewRun& run) = 0;
  // --restart: counters zeroed, cursors cleared, units pending, rejects of the run removed.
  virtual Status ResetRun(int64_t run_id) = 0;
  // Claims a pending unit, or one whose lease expired (another worker died),
  // for `worker_id` (PostgreSQL: FOR UPDATE SKIP LOCKED). None = nothing left to claim.
  virtual Result<std::optional<UnitState>> ClaimUnit(int64_t run_id, const std::string& worker_id,
                                                     std::chrono::seconds lease) = 0;
  virtual Status ReleaseUnit(int64_t unit_id, const std::string& worker_id) = 0;
  // Units of the run whose owner has not renewed its lease (of length `lease`)
  // for `quiet`: it missed several heartbeats. The engine releases those of a
  // process of this host that is gone (kill -9) instead of waiting for the
  // lease to expire. Default: none known (the lease expiry still applies).
  virtual Result<std::vector<UnitLease>> QuietLeases(int64_t /*run_id*/,
                                                     std::chrono::seconds /*lease*/,
                                                     std::chrono::seconds /*quiet*/) {
    return std::vector<UnitLease>{};
  }
  virtual Status Heartbeat(const WorkerBeat& beat) = 0;
  // A stopped or failed run resumed: running again, with no finish time. Why
  // it stopped stays in the workers' rows (the attempts' history).
  virtual Status ReopenRun(int64_t /*run_id*/) { return NotHere("reopen a run"); }
  // The closing check (engine/closing_check.h): the units with their
  // checkpoints; a unit added unless one of that name exists (false then),
  // and for a recount (spec.count_year, or spec.recount of a stream) the
  // year's or the stream's counters and rejects cleared
  // in the same transaction; the plan's totals replaced by the source's.
  virtual Result<std::vector<UnitState>> RunUnits(int64_t /*run_id*/) {
    return NotHere("list the units");
  }
  virtual Result<bool> AddUnit(int64_t /*run_id*/, const UnitSpec& /*unit*/) {
    return NotHere("add a unit");
  }
  virtual Status UpdatePlan(int64_t /*run_id*/, const std::map<int, int64_t>& /*expected*/) {
    return NotHere("update the plan");
  }
  virtual Result<bool> AllUnitsDone(int64_t run_id) = 0;
  virtual Status FinishRun(int64_t run_id, RunState state, const std::string& reason) = 0;
  virtual Result<CountTable> RunCounts(int64_t run_id) = 0;

  // One batch, in one transaction (see the protocol above).
  // One round trip to the database (the least of a few); zero for a file.
  virtual std::chrono::microseconds RoundTrip() { return {}; }
  virtual Status Begin() = 0;
  virtual Result<CountTable> WriteRows(std::span<const Row> rows) = 0;
  virtual Status RecordRejects(int64_t run_id, const std::string& unit,
                               std::span<const Reject> rejects) = 0;
  virtual Status SaveProgress(const Checkpoint& checkpoint, const CountTable& deltas) = 0;
  // A batch of another stream (streams/stream.h) instead of WriteRows: its
  // nodes as the API gave them, counted under {kWholeStream, stream name};
  // kData (savepoint rolled back) when a node cannot be stored.
  virtual Result<CountTable> WriteObjects(const StreamModule& /*stream*/,
                                          std::span<const std::string> /*nodes*/) {
    return NotHere("write a stream's objects");
  }
  // The stream's links stored NULL while their row was not loaded, given
  // back now (outside a batch): restored, and still missing.
  virtual Result<LinkCounts> RestoreStreamLinks(const StreamModule& /*stream*/) {
    return LinkCounts{};
  }
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;

 protected:
  static tl::unexpected<Error> NotHere(const std::string& what) {
    return Fail(ErrorKind::kInternal, "this destination cannot " + what);
  }
};

class Destination {
 public:
  virtual ~Destination() = default;
  virtual Result<std::unique_ptr<Session>> Connect() = 0;
  // "sqlite:gazelle.db" or "postgresql://user@host:5432/db" (password removed).
  virtual std::string Describe() const = 0;
  // SQLite allows one writer: the engine serialises batches when false.
  virtual bool ConcurrentWriters() const = 0;
};

// Opens a destination from --db / DATABASE_URL: "sqlite:PATH", a plain path,
// "postgresql://…" or "postgres://…". kConfig error for anything else.
Result<std::unique_ptr<Destination>> OpenDestination(const std::string& url);

}  // namespace gb
