// The read side of the bookkeeping tables, for `watch` and the web page: what
// the loader committed (runs, plan, counters, units, workers, rejects) plus the
// five newest entries by primary key. A read never scans the entries table (no
// COUNT(*)): the total in the destination is an estimate (PostgreSQL's
// pg_class.reltuples, SQLite's largest rowid) and the exact numbers are the
// counters, committed in the same transaction as the rows. Times are epoch
// seconds from the database's own clock, the clock that wrote the heartbeats.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/events.h"
#include "core/table_exposure.h"
#include "core/wait_reason.h"
#include "core/worker_state.h"

namespace gb {

struct RunRow {
  int64_t id = 0;
  RunState state = RunState::kRunning;  // an unknown stored word reads as running
  std::string reason;
  std::string params;  // JSON of the parameters, as stored
  int64_t started_at = 0;
  int64_t heartbeat_at = 0;
  std::optional<int64_t> finished_at;
};

struct UnitRow {
  int64_t id = 0;
  std::string name;
  std::string state;  // pending | running | done
  std::string lease_owner;
  std::optional<int64_t> lease_expires_at;
  std::string cursor;
  int64_t fetched = 0;
  int64_t updated_at = 0;           // moved by every checkpoint: the unit's last commit
  std::string stream;               // a stream's unit (streams/stream.h); "" for the timeline's
  std::optional<int64_t> expected;  // as planned, when the spec says
};

struct WorkerRow {
  std::string worker_id;  // as stored: FormatWorkerId's "host:pid:nonce"
  std::string host;
  int64_t pid = 0;
  WorkerState state = WorkerState::kRunning;  // an unknown stored word reads as running
  WaitReason reason;                          // an earlier version's sentence: WaitKind::kText
  int64_t heartbeat_at = 0;
  int64_t started_at = 0;
};

struct EntryRow {
  std::string external_id;
  std::string type;
  std::string occurred_at;  // ISO 8601 UTC as stored
};

// `sync --every`'s schedule: its interval, its next sync, its heartbeat.
struct ScheduleRow {
  std::string worker_id;
  int64_t every_s = 0;
  int64_t next_at = 0;
  int64_t beat_at = 0;
};

struct DbStatus {
  bool database_exists = true;  // false: a SQLite file that is not there yet
  bool tables_exist = false;    // false before any run created the bookkeeping (gb_runs)
  int64_t now = 0;              // the database's clock
  std::vector<RunRow> runs;     // newest first (at most 5)
  // Of the newest run (runs.front()); empty when there is none.
  std::map<int, int64_t> plan;                    // year -> expected
  std::map<int, Counts> counters;                 // year of the timeline -> summed over types
  std::map<std::string, Counts> stream_counters;  // the other streams, by name
  std::optional<int64_t> last_counter_update;
  std::vector<UnitRow> units;
  std::vector<WorkerRow> workers;
  // Milliseconds since the last heartbeat of the run ("") and of each worker
  // (by worker id), on the database's clock: finer than heartbeat_at's seconds.
  std::map<std::string, int64_t> beat_age_ms;
  std::map<std::string, int64_t> rejects_by_reason;
  // Of the destination table.
  std::vector<EntryRow> latest;            // newest 5 by primary key
  std::optional<int64_t> rows_estimate;    // none when unknown (never analysed)
  std::optional<int64_t> newest_entry_at;  // the newest occurred_at (the index's end)
  // Of sync: the rows marked gone from the source, per stream, as the last
  // sync counted them; the schedule of sync --every, when one is running.
  std::map<std::string, int64_t> marked;
  std::optional<ScheduleRow> schedule;
  std::map<std::string, int64_t> stream_swept_at;  // each other stream's last whole sweep
  // The tool's tables open to the API roles of a hosted database (Supabase's
  // anon and authenticated), with the statements that close them.
  std::vector<TableExposure> exposed;
};

class StatusReader {
 public:
  virtual ~StatusReader() = default;
  // One cheap snapshot. A lost connection is a kTransient error; the next
  // call reconnects.
  virtual Result<DbStatus> Read() = 0;
  virtual std::string Describe() const = 0;  // as Destination::Describe(): no password
};

// For the same URLs as OpenDestination. Connects lazily, on the first Read().
Result<std::unique_ptr<StatusReader>> OpenStatusReader(const std::string& url);

}  // namespace gb
