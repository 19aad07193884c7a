// One SQLite connection used by one thread: one transaction per batch
// (BEGIN IMMEDIATE), each WriteRows under a savepoint, prepared statements
// cached, the same counting and repair semantics as PostgreSQL.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "sink/destination.h"
#include "sink/foreign_key.h"
#include "sink/sqlite/sqlite_connection.h"
#include "sink/sqlite/sqlite_run_store.h"

namespace gb {

class SqliteSession final : public Session {
 public:
  explicit SqliteSession(std::unique_ptr<SqliteConnection> conn);
  ~SqliteSession() override;

  Result<SchemaReport> EnsureSchema(const SchemaOptions& options) override;
  Status UpsertUsers(std::span<const ApiUser> users) override;
  Result<LinkCounts> RestoreEntryLinks() override;

  Result<std::optional<RunRecord>> LatestRun() override { return runs_.LatestRun(); }
  Result<RunRecord> CreateRun(const NewRun& run) override { return runs_.CreateRun(run); }
  Status ResetRun(int64_t run_id) override { return runs_.ResetRun(run_id); }
  Result<std::optional<UnitState>> ClaimUnit(int64_t run_id, const std::string& worker_id,
                                             std::chrono::seconds lease) override {
    return runs_.ClaimUnit(run_id, worker_id, lease);
  }
  Status ReleaseUnit(int64_t unit_id, const std::string& worker_id) override {
    return runs_.ReleaseUnit(unit_id, worker_id);
  }
  Result<std::vector<UnitLease>> QuietLeases(int64_t run_id, std::chrono::seconds lease,
                                             std::chrono::seconds quiet) override {
    return runs_.QuietLeases(run_id, lease, quiet);
  }
  Status Heartbeat(const WorkerBeat& beat) override { return runs_.Heartbeat(beat); }
  Status ReopenRun(int64_t run_id) override { return runs_.ReopenRun(run_id); }
  Result<std::vector<UnitState>> RunUnits(int64_t run_id) override {
    return runs_.RunUnits(run_id);
  }
  Result<bool> AddUnit(int64_t run_id, const UnitSpec& unit) override {
    return runs_.AddUnit(run_id, unit);
  }
  Status UpdatePlan(int64_t run_id, const std::map<int, int64_t>& expected) override {
    return runs_.UpdatePlan(run_id, expected);
  }
  Result<bool> AllUnitsDone(int64_t run_id) override { return runs_.AllUnitsDone(run_id); }
  Status FinishRun(int64_t run_id, RunState state, const std::string& reason) override {
    return runs_.FinishRun(run_id, state, reason);
  }
  Result<CountTable> RunCounts(int64_t run_id) override { return runs_.RunCounts(run_id); }

  Status Begin() override;
  Result<CountTable> WriteRows(std::span<const Row> rows) override;
  Result<CountTable> WriteObjects(const StreamModule& stream,
                                  std::span<const std::string> nodes) override;
  Result<LinkCounts> RestoreStreamLinks(const StreamModule& stream) override;
  Status RecordRejects(int64_t run_id, const std::string& unit,
                       std::span<const Reject> rejects) override {
    return runs_.RecordRejects(run_id, unit, rejects);
  }
  Status SaveProgress(const Checkpoint& checkpoint, const CountTable& deltas) override {
    return runs_.SaveProgress(checkpoint, deltas);
  }
  Status Commit() override;
  void Rollback() override;

 private:
  // The timeline's links its table declares as foreign keys (read once).
  Result<LinkSet> DeclaredLinks();
  Status ReadForeignKeys();
  Result<bool> LinkedRowExists(size_t link, const std::string& id);
  Result<bool> TableExists(const char* name);
  Status AddUserColumns(SchemaReport* report);
  Status AddUnlinkedCounter();
  Status AddWorkerReasonFields();
  // Upserts one row (its links of `links` to a row not there repaired) and
  // adds its outcome to `counts`.
  Status WriteRow(const Row& row, LinkSet links, CountTable* counts);
  // SQLite says only "FOREIGN KEY constraint failed": the violation gets the
  // column and table of the first foreign key whose row `row` links to is absent.
  void NameReference(const Row& row, Violation* violation);

  std::unique_ptr<SqliteConnection> conn_;
  SqliteRunStore runs_;
  bool in_transaction_ = false;
  std::optional<LinkSet> links_;
  // Per link of kEntryLinks: ids of rows known to be there.
  std::array<std::unordered_set<std::string>, kEntryLinks.size()> known_;
  std::optional<std::vector<ForeignKey>> foreign_keys_;  // read on the first missing reference
};

}  // namespace gb
