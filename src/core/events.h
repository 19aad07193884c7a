// What the loader reports. Subsystems below monitor/ never print: they emit
// these plain structs to an Observer; monitor/ folds them into snapshots and
// renders them (log lines, status line, JSON, dashboard).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/table_exposure.h"
#include "core/worker_id.h"

namespace gb {

// Why a link of an entry was nulled (its original kept in metadata). One
// reason so far; renderers turn it into words, JSON and metrics use its key.
enum class UnlinkReason {
  // user{id}, client{id}, piano{id}, invoice{id} or estimate{id} names no row of
  // the destination (not in allUsers, allClients, ...: deleted, or not loaded)
  kLinkedRowMissing,
};
inline constexpr std::array<UnlinkReason, 1> kUnlinkReasons = {UnlinkReason::kLinkedRowMissing};
std::string_view UnlinkReasonKey(UnlinkReason reason);  // "linked_row_missing"

// Counts of one (year, type) cell. fetched = loaded + repaired + rejected + skipped,
// where loaded = inserted + updated + unchanged. unlinked is a part of repaired:
// the rows written with a link nulled (UnlinkReason::kLinkedRowMissing).
struct Counts {
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t repaired = 0;
  int64_t unlinked = 0;
  int64_t rejected = 0;
  int64_t skipped = 0;

  int64_t loaded() const { return inserted + updated + unchanged; }
  int64_t fetched() const { return loaded() + repaired + rejected + skipped; }
  Counts& operator+=(const Counts& o);
};

// The counters' key: a timeline year and entry type; for another stream
// (streams/stream.h) year kWholeStream and the stream's name.
inline constexpr int kWholeStream = 0;
struct CountKey {
  int year = 0;
  std::string type;
  auto operator<=>(const CountKey&) const = default;
  bool timeline() const { return year != kWholeStream; }
};
using CountTable = std::map<CountKey, Counts>;

struct RunStarted {
  int64_t run_id = 0;
  WorkerId worker_id;
  std::vector<int> years;
  std::map<int, int64_t> expected;  // the plan: year -> exact expected total
  // The other streams of the run (streams/stream.h): name -> objects counted.
  std::map<std::string, int64_t> streams_expected;
  int concurrency = 0;
  int units = 0;
  int batch_size = 0;  // rows per transaction
  // When the loader chose bigger batches for a database far away: its round
  // trip (else zero).
  std::chrono::milliseconds far_round_trip{0};
  std::string destination;  // redacted
  bool resumed = false;
  // On resume: what earlier attempts of this run already committed (the
  // unit counters), so progress starts where it stopped instead of at 0.
  CountTable done_before;
};

struct PageFetched {
  std::string unit;
  int rows = 0;
  std::chrono::milliseconds elapsed{0};
};

// The page size the API honours, as a run found it: asked `asked`, its pages
// hold `honoured` nodes (below `asked`: a silent cap; equal: the cap is gone),
// or it refused `asked` (`refused`, with its `answer`) and the run asks `honoured`.
struct PageSizeFound {
  int asked = 0;
  int honoured = 0;
  bool refused = false;
  std::string answer;
  std::string stream = {};  // another stream's connection (clients, ...); empty: the timeline's
};

struct BatchCommitted {
  std::string unit;
  int64_t batch_no = 0;  // per run, 1-based
  int64_t rows = 0;      // rows in the batch (all outcomes)
  CountTable counts;     // what this batch did, per (year, type)
  std::chrono::milliseconds elapsed{0};
  std::string newest_id;  // an entry of the batch, for "latest loaded"
};

struct BatchSplit {
  std::string unit;
  int64_t rows = 0;  // size of the batch that failed and is being bisected
  std::string reason;
};

struct RowRejected {
  std::string unit;
  std::string external_id;
  int year = 0;
  std::string sqlstate;
  std::string reason;
};

struct RetryScheduled {
  std::string what;    // "api" or "database"
  std::string reason;  // the cause as the source or the database said it ("connection lost")
  int attempt = 0;
  std::chrono::milliseconds delay{0};
  std::chrono::system_clock::time_point until;
  int http_status = 0;  // of the answer that caused it (429, 503); 0: none
};

struct TokenRefreshed {
  bool ok = true;
  std::chrono::system_clock::time_point expires_at;
  std::string message;  // never the token itself
};

struct SliceDone {
  std::string unit;
  int64_t fetched = 0;
};

struct Warning {
  std::string message;
};

// Before any entry: entries whose user was unknown and now exists got their
// link back (restored); `unlinked` links stay nulled (their users still unknown).
struct UserLinksRestored {
  int64_t restored = 0;
  int64_t unlinked = 0;
};

// Time spent, for `run --profile`: one per batch or page, summed by the model.
// A stream's fetcher thread spends it in api, parse, transform and queue_full
// (blocked: its writer is behind); its writer in database and queue_empty
// (waiting for pages).
inline constexpr const char* kPhaseApi = "api";
inline constexpr const char* kPhaseParse = "parse";
inline constexpr const char* kPhaseTransform = "transform";
inline constexpr const char* kPhaseQueueFull = "queue_full";
inline constexpr const char* kPhaseDatabase = "database";
inline constexpr const char* kPhaseQueueEmpty = "queue_empty";

struct TimeSpent {
  std::string phase;  // one of the kPhase* names above
  std::chrono::microseconds elapsed{0};
};

// The destination is ready, once per run, when there is something to say:
// what an upgrade moved into the tool's schema, and the tables that existed
// before and are open to the API roles of a hosted database.
struct DestinationPrepared {
  std::string bookkeeping_schema;         // "gazelle_backfill"; empty for SQLite
  std::vector<std::string> moved_tables;  // from public, with their data (upgrade)
  std::vector<TableExposure> exposed;     // closed ones have `closed` set
};

// A stream of which a sync fetches only the objects created since a date.
struct StreamWindow {
  std::string stream;
  std::string since;  // CoreDate (UTC)
  int64_t count = 0;  // the API's objects created since then
  bool operator==(const StreamWindow&) const = default;
};

// A sync compared the destination with the source (engine/sync_planner.h):
// the timeline's months (and those that differ, below the overlap), the
// entries at or above the overlap's floor, and the other streams: swept
// whole, fetched new since a date, or equal.
struct SyncCompared {
  int months = 0;
  int months_differing = 0;
  int64_t top = 0;
  std::string floor;                       // ISO UTC
  std::vector<std::string> streams_swept;  // whole
  std::vector<std::string> streams_equal;
  std::vector<StreamWindow> streams_new = {};
};

// Rows the source no longer has, marked (never deleted), and rows marked
// before that it has again, per stream (engine/missing_marker.h).
struct MissingMarked {
  std::string stream;
  int64_t marked = 0;
  int64_t restored = 0;
  int64_t total = 0;  // the stream's rows marked missing now, all told
};

struct RunFinished {
  int64_t run_id = 0;
  int exit_code = 0;
  std::string state;   // "done", "done_with_rejects", "stopped", "failed"
  std::string reason;  // why it stopped, how to resume
  CountTable totals;
  std::chrono::milliseconds elapsed{0};
  // The source's per-year totals as the run's closing check last found them
  // (they replace the plan's); empty when it did not ask.
  std::map<int, int64_t> expected;
};

using Event =
    std::variant<RunStarted, PageFetched, PageSizeFound, BatchCommitted, BatchSplit, RowRejected,
                 RetryScheduled, TokenRefreshed, SliceDone, Warning, UserLinksRestored, TimeSpent,
                 DestinationPrepared, SyncCompared, MissingMarked, RunFinished>;

// Receives events; implementations must be thread-safe (streams run concurrently).
class Observer {
 public:
  virtual ~Observer() = default;
  virtual void On(const Event& event) = 0;
};

class NullObserver final : public Observer {
 public:
  void On(const Event&) override {}
};

}  // namespace gb
