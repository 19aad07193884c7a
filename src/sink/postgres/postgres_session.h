// One PostgreSQL connection used by one thread. Writes are set-based: COPY
// into a per-transaction temp staging table, then one INSERT ... SELECT ...
// ON CONFLICT that skips unchanged rows and repairs unknown users, counted per
// (year, type). No state survives a transaction (pgbouncer transaction mode).
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sink/destination.h"
#include "sink/foreign_key.h"
#include "sink/postgres/pg_connection.h"
#include "sink/postgres/pg_run_store.h"

namespace gb {

class PostgresSession final : public Session {
 public:
  explicit PostgresSession(std::unique_ptr<PgConnection> conn);
  ~PostgresSession() override;

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

  std::chrono::microseconds RoundTrip() override;
  Status Begin() override;
  Result<CountTable> WriteRows(std::span<const Row> rows) override;
  Status RecordRejects(int64_t run_id, const std::string& unit,
                       std::span<const Reject> rejects) override;
  Status SaveProgress(const Checkpoint& checkpoint, const CountTable& deltas) override;
  Result<CountTable> WriteObjects(const StreamModule& stream,
                                  std::span<const std::string> nodes) override;
  Result<LinkCounts> RestoreStreamLinks(const StreamModule& stream) override;
  Status Commit() override;
  void Rollback() override;

 private:
  // The timeline's links its table declares as foreign keys (read once).
  Result<LinkSet> DeclaredLinks();
  Status ReadForeignKeys();
  struct ProbeResult {
    // For each row asked about (in the order of `keep`): the digest of its
    // stored columns (row_digest.h) when it is already in the table.
    std::vector<std::optional<int64_t>> stored;
    // Per link of kEntryLinks (declared ones only): the ids its table lacks.
    std::array<std::unordered_set<std::string>, kEntryLinks.size()> unknown_links;
    bool unknown = false;  // any
    LinkSet UnknownOf(const Row& row) const;
  };
  Result<ProbeResult> Probe(std::span<const Row> rows, const std::vector<size_t>& keep);
  // COPY without a probe, when the previous batch was all new rows: true
  // when it went in, false when a row exists or has an unknown user (rolled
  // back to the savepoint: the caller probes).
  Result<bool> TryCopyAllFresh(std::span<const Row> rows, const std::vector<size_t>& keep,
                               CountTable* counts);
  bool CountIfUnchanged(const Row& row, int64_t stored_digest, CountTable* counts);
  Status CopyFresh(std::span<const Row> rows, const std::vector<size_t>& fresh, CountTable* counts);
  Status StageAndUpsert(std::span<const Row> rows, const std::vector<size_t>& keep,
                        CountTable* counts);
  Status StageRows(std::span<const Row> rows, const std::vector<size_t>& keep);
  Result<CountTable> Upsert(std::span<const Row> rows, const std::vector<size_t>& keep,
                            CountTable counts);
  // Releases the batch's savepoint: the batch is written.
  Result<CountTable> ReleaseBatch(const CountTable& counts);
  // Any failure inside WriteRows: roll back to the savepoint, keep the
  // transaction; a missing reference gets its column and table named.
  Error AbandonWrite(Error error);
  // Fills the column and the referenced table of a missing reference from its
  // constraint's name (the catalog read again when the name is new to it).
  void NameReference(Violation* violation);

  std::unique_ptr<PgConnection> conn_;
  PgRunStore runs_;
  bool in_transaction_ = false;
  bool release_pending_ = false;  // the last write's savepoint, released with the next
  bool stage_exists_ = false;     // created in this transaction (ON COMMIT DROP)
  std::optional<LinkSet> links_;
  std::optional<std::vector<ForeignKey>> foreign_keys_;  // read on the first missing reference
  // The last batch had only new rows with their links' rows there: the next one most
  // likely too (a fresh load), so it skips the probe (one round trip and 500
  // index lookups) and goes straight to COPY.
  bool fresh_streak_ = false;
  std::string copy_buffer_;  // reused across batches
};

}  // namespace gb
