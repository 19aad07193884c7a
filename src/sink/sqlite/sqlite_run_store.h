// The tool's bookkeeping in SQLite: the same tables and semantics as
// PgRunStore. SQLite has one writer at a time, so a claim is one atomic
// UPDATE ... RETURNING and several processes on one file cannot double-load.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "sink/destination.h"
#include "sink/sqlite/sqlite_connection.h"

namespace gb {

class SqliteRunStore {
 public:
  explicit SqliteRunStore(SqliteConnection* conn) : conn_(conn) {}

  Result<std::optional<RunRecord>> LatestRun();
  // Returns an unfinished run with the same fingerprint instead of creating a second one.
  Result<RunRecord> CreateRun(const NewRun& run);
  Status ResetRun(int64_t run_id);
  Result<std::optional<UnitState>> ClaimUnit(int64_t run_id, const std::string& worker_id,
                                             std::chrono::seconds lease);
  Status ReleaseUnit(int64_t unit_id, const std::string& worker_id);
  Result<std::vector<UnitLease>> QuietLeases(int64_t run_id, std::chrono::seconds lease,
                                             std::chrono::seconds quiet);
  Status Heartbeat(const WorkerBeat& beat);
  Result<bool> AllUnitsDone(int64_t run_id);
  Status FinishRun(int64_t run_id, RunState state, const std::string& reason);
  Status ReopenRun(int64_t run_id);
  Result<std::vector<UnitState>> RunUnits(int64_t run_id);
  Result<bool> AddUnit(int64_t run_id, const UnitSpec& unit);
  Status UpdatePlan(int64_t run_id, const std::map<int, int64_t>& expected);
  Result<CountTable> RunCounts(int64_t run_id);

  // Inside the caller's transaction.
  Status SaveProgress(const Checkpoint& checkpoint, const CountTable& deltas);
  Status RecordRejects(int64_t run_id, const std::string& unit, std::span<const Reject> rejects);

 private:
  // Why a checkpoint save matched no row (sink/checkpoint_miss.h).
  Error Missed(const Checkpoint& checkpoint);
  Result<RunRecord> ReadRun(sqlite3_stmt* stmt);
  Result<RunRecord> CreateRunLocked(const NewRun& run);
  Status InTransaction(std::string_view doing, const std::function<Status()>& body);

  SqliteConnection* conn_;
};

}  // namespace gb
