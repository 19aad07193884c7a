// The tool's bookkeeping in PostgreSQL: runs, plan, units with leases,
// workers, counters. PostgreSQL is the coordinator of several workers:
// units are claimed with FOR UPDATE SKIP LOCKED and leases that heartbeats renew.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "sink/destination.h"
#include "sink/postgres/pg_connection.h"

namespace gb {

class PgRunStore {
 public:
  explicit PgRunStore(PgConnection* conn) : conn_(conn) {}

  Result<std::optional<RunRecord>> LatestRun();
  // Creates the run, unless an unfinished run with the same fingerprint exists
  // (another worker created it a moment ago): that one is returned instead, so
  // workers started together join one run.
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

  // Inside the caller's transaction: checkpoint and counter deltas.
  Status SaveProgress(const Checkpoint& checkpoint, const CountTable& deltas);
  Status RecordRejects(int64_t run_id, const std::string& unit, std::span<const Reject> rejects);

 private:
  // Why a checkpoint save matched no row (sink/checkpoint_miss.h).
  Error Missed(const Checkpoint& checkpoint);
  Result<RunRecord> ReadRun(const PgResult& res);
  Result<RunRecord> CreateRunLocked(const NewRun& run);
  // BEGIN; body; COMMIT (ROLLBACK when body fails).
  template <class T, class F>
  Result<T> InTransaction(std::string_view doing, F body);

  PgConnection* conn_;
};

}  // namespace gb
