// An in-memory Destination that honours the write protocol of destination.h:
// rows, rejects, checkpoint and counters of a batch become visible only at
// Commit; a failed WriteRows leaves nothing behind (savepoint semantics);
// units are claimed with leases on an injected clock. Rows are rejected by
// rule (to exercise bisecting) and statements can fail transiently or
// permanently on demand.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <vector>

#include "core/clock.h"
#include "sink/checkpoint_miss.h"
#include "sink/destination.h"

namespace gb::testing {

struct StoredReject {
  int64_t run_id = 0;
  std::string unit;
  Reject reject;
};

struct FakeUnit {
  UnitState state;
  std::string worker;
  std::chrono::system_clock::time_point lease_until;
};

// Everything the fake database holds; shared by all its sessions.
struct FakeStore {
  std::mutex mu;
  bool schema_created = false;
  std::chrono::microseconds round_trip{0};  // what RoundTrip() measures
  std::map<std::string, Row> entries;
  std::vector<ApiUser> users;
  std::vector<RunRecord> runs;
  std::vector<FakeUnit> units;
  std::map<int64_t, CountTable> counters;  // per run
  std::vector<StoredReject> rejects;
  std::vector<WorkerBeat> beats;
  std::vector<Checkpoint> checkpoints;  // committed, in order
};

class FakeDestination;

class FakeSession : public Session {
 public:
  FakeSession(FakeDestination& dest) : dest_(dest) {}
  ~FakeSession() override;

  Result<SchemaReport> EnsureSchema(const SchemaOptions& options) override;
  Status UpsertUsers(std::span<const ApiUser> users) override;
  Result<std::optional<RunRecord>> LatestRun() override;
  Result<RunRecord> CreateRun(const NewRun& run) override;
  Status ResetRun(int64_t run_id) override;
  Result<std::optional<UnitState>> ClaimUnit(int64_t run_id, const std::string& worker_id,
                                             std::chrono::seconds lease) override;
  Status ReleaseUnit(int64_t unit_id, const std::string& worker_id) override;
  Status Heartbeat(const WorkerBeat& beat) override;
  Result<bool> AllUnitsDone(int64_t run_id) override;
  Status FinishRun(int64_t run_id, RunState state, const std::string& reason) override;
  Status ReopenRun(int64_t run_id) override;
  Result<std::vector<UnitState>> RunUnits(int64_t run_id) override;
  Result<bool> AddUnit(int64_t run_id, const UnitSpec& unit) override;
  Status UpdatePlan(int64_t run_id, const std::map<int, int64_t>& expected) override;
  Result<CountTable> RunCounts(int64_t run_id) override;
  std::chrono::microseconds RoundTrip() override;
  Status Begin() override;
  Result<CountTable> WriteRows(std::span<const Row> rows) override;
  Status RecordRejects(int64_t run_id, const std::string& unit,
                       std::span<const Reject> rejects) override;
  Status SaveProgress(const Checkpoint& checkpoint, const CountTable& deltas) override;
  Status Commit() override;
  void Rollback() override;

 private:
  void EndTransaction();

  FakeDestination& dest_;
  bool in_txn_ = false;
  std::map<std::string, Row> pending_rows_;
  std::vector<StoredReject> pending_rejects_;
  std::vector<std::pair<Checkpoint, CountTable>> pending_progress_;
};

class FakeDestination : public Destination {
 public:
  explicit FakeDestination(Clock& clock, bool concurrent_writers = true)
      : clock_(clock), concurrent_(concurrent_writers) {}

  Result<std::unique_ptr<Session>> Connect() override {
    ++connects;
    if (fail_connects > 0) {
      --fail_connects;
      return Fail(ErrorKind::kTransient, "connection refused (injected)");
    }
    return std::unique_ptr<Session>(new FakeSession(*this));
  }
  std::string Describe() const override { return "fake:memory"; }
  bool ConcurrentWriters() const override { return concurrent_; }

  FakeStore store;
  Clock& clock() { return clock_; }

  // A row the "database" refuses: the sink's error for it, or none.
  std::function<std::optional<Error>(const Row&)> reject_rule;
  // Fault injection, consumed as they fire.
  std::atomic<int> fail_connects{0};
  std::atomic<int> transient_write_at{0};  // the Nth WriteRows fails (connection lost)
  std::atomic<int> transient_commit_at{0};
  std::atomic<int> lost_commit_ack_at{0};  // the Nth Commit applies, then reports a lost link
  std::atomic<int> permanent_write_at{0};  // the Nth WriteRows: permission denied
  // Observed.
  std::atomic<int> connects{0}, write_calls{0}, commits{0}, rollbacks{0};
  std::atomic<int> open_transactions{0}, max_open_transactions{0};
  std::atomic<int64_t> rows_written{0};

 private:
  Clock& clock_;
  bool concurrent_;
};

// The error a sink gives for a row whose `column` links to a row of `table`
// that does not exist: classified (Violation), with no database code.
inline Error MissingReference(const std::string& column, const std::string& table) {
  Error error{ErrorKind::kData, "the row's " + column + " names no row of " + table, ""};
  error.violation = {ViolationKind::kMissingReference, column, table, ""};
  return error;
}

// ---- FakeSession, inline so every test binary source can include it ----

inline FakeSession::~FakeSession() {
  if (in_txn_) Rollback();
}

inline Result<SchemaReport> FakeSession::EnsureSchema(const SchemaOptions&) {
  std::lock_guard lock(dest_.store.mu);
  SchemaReport report;
  report.entries_created = report.users_created = !dest_.store.schema_created;
  dest_.store.schema_created = true;
  return report;
}

inline Status FakeSession::UpsertUsers(std::span<const ApiUser> users) {
  std::lock_guard lock(dest_.store.mu);
  dest_.store.users.assign(users.begin(), users.end());
  return {};
}

inline Result<std::optional<RunRecord>> FakeSession::LatestRun() {
  std::lock_guard lock(dest_.store.mu);
  if (dest_.store.runs.empty()) return std::optional<RunRecord>();
  return std::optional<RunRecord>(dest_.store.runs.back());
}

inline Result<RunRecord> FakeSession::CreateRun(const NewRun& run) {
  std::lock_guard lock(dest_.store.mu);
  RunRecord record{static_cast<int64_t>(dest_.store.runs.size()) + 1,
                   run.fingerprint,
                   run.params_json,
                   RunState::kRunning,
                   run.expected,
                   dest_.clock().Now()};
  dest_.store.runs.push_back(record);
  for (const UnitSpec& spec : run.units) {
    FakeUnit unit;
    unit.state = {
        static_cast<int64_t>(dest_.store.units.size()) + 1, record.id, spec, "", 0, "pending"};
    dest_.store.units.push_back(unit);
  }
  return record;
}

inline Status FakeSession::ResetRun(int64_t run_id) {
  std::lock_guard lock(dest_.store.mu);
  dest_.store.counters.erase(run_id);
  // The closing check's units go (kept in place, emptied: ids are positions here).
  for (FakeUnit& u : dest_.store.units) {
    if (u.state.run_id == run_id && (u.state.spec.stop_at || u.state.spec.count_year)) {
      u.state.run_id = 0;
    }
  }
  for (FakeUnit& u : dest_.store.units) {
    if (u.state.run_id != run_id) continue;
    u.state.cursor.clear();
    u.state.fetched = 0;
    u.state.state = "pending";
    u.worker.clear();
  }
  std::erase_if(dest_.store.rejects, [&](const StoredReject& r) { return r.run_id == run_id; });
  dest_.store.runs[run_id - 1].state = RunState::kRunning;
  return {};
}

inline Result<std::optional<UnitState>> FakeSession::ClaimUnit(int64_t run_id,
                                                               const std::string& worker_id,
                                                               std::chrono::seconds lease) {
  std::lock_guard lock(dest_.store.mu);
  const auto now = dest_.clock().Now();
  for (FakeUnit& u : dest_.store.units) {
    if (u.state.run_id != run_id) continue;
    const bool claimable =
        u.state.state == "pending" || (u.state.state == "running" && u.lease_until < now);
    if (!claimable) continue;
    u.state.state = "running";
    u.worker = worker_id;
    u.lease_until = now + lease;
    return std::optional<UnitState>(u.state);
  }
  return std::optional<UnitState>();
}

inline Status FakeSession::ReleaseUnit(int64_t unit_id, const std::string& worker_id) {
  std::lock_guard lock(dest_.store.mu);
  FakeUnit& u = dest_.store.units[unit_id - 1];
  if (u.worker == worker_id && u.state.state == "running") u.state.state = "pending";
  return {};
}

inline Status FakeSession::Heartbeat(const WorkerBeat& beat) {
  std::lock_guard lock(dest_.store.mu);
  dest_.store.beats.push_back(beat);
  for (FakeUnit& u : dest_.store.units) {
    if (u.worker == FormatWorkerId(beat.worker) && u.state.state == "running") {
      u.lease_until = dest_.clock().Now() + beat.lease;
    }
  }
  return {};
}

inline Result<bool> FakeSession::AllUnitsDone(int64_t run_id) {
  std::lock_guard lock(dest_.store.mu);
  for (const FakeUnit& u : dest_.store.units) {
    if (u.state.run_id == run_id && u.state.state != "done") return false;
  }
  return true;
}

inline Status FakeSession::FinishRun(int64_t run_id, RunState state, const std::string&) {
  std::lock_guard lock(dest_.store.mu);
  dest_.store.runs[run_id - 1].state = state;
  return {};
}

inline Status FakeSession::ReopenRun(int64_t run_id) {
  std::lock_guard lock(dest_.store.mu);
  dest_.store.runs[run_id - 1].state = RunState::kRunning;
  return {};
}

inline Result<std::vector<UnitState>> FakeSession::RunUnits(int64_t run_id) {
  std::lock_guard lock(dest_.store.mu);
  std::vector<UnitState> units;
  for (const FakeUnit& u : dest_.store.units) {
    if (u.state.run_id == run_id) units.push_back(u.state);
  }
  return units;
}

inline Result<bool> FakeSession::AddUnit(int64_t run_id, const UnitSpec& spec) {
  std::lock_guard lock(dest_.store.mu);
  for (const FakeUnit& u : dest_.store.units) {
    if (u.state.run_id != run_id) continue;
    if (u.state.spec.name == spec.name || u.state.state != "done") return false;
  }
  FakeUnit unit;
  unit.state = {static_cast<int64_t>(dest_.store.units.size()) + 1, run_id, spec, "", 0, "pending"};
  dest_.store.units.push_back(unit);
  if (spec.count_year) {
    std::erase_if(dest_.store.counters[run_id],
                  [&](const auto& cell) { return cell.first.year == *spec.count_year; });
    std::erase_if(dest_.store.rejects, [&](const StoredReject& r) {
      return r.run_id == run_id && r.reject.year == *spec.count_year;
    });
  }
  return true;
}

inline Status FakeSession::UpdatePlan(int64_t run_id, const std::map<int, int64_t>& expected) {
  std::lock_guard lock(dest_.store.mu);
  for (const auto& [year, n] : expected) dest_.store.runs[run_id - 1].expected[year] = n;
  return {};
}

inline Result<CountTable> FakeSession::RunCounts(int64_t run_id) {
  std::lock_guard lock(dest_.store.mu);
  return dest_.store.counters[run_id];
}

inline std::chrono::microseconds FakeSession::RoundTrip() { return dest_.store.round_trip; }

inline Status FakeSession::Begin() {
  if (in_txn_) return Fail(ErrorKind::kInternal, "Begin inside a transaction");
  in_txn_ = true;
  const int open = ++dest_.open_transactions;
  int seen = dest_.max_open_transactions.load();
  while (open > seen && !dest_.max_open_transactions.compare_exchange_weak(seen, open)) {
  }
  return {};
}

inline bool SameContent(const Row& a, const Row& b) {
  return a.client_id == b.client_id && a.piano_id == b.piano_id && a.user_id == b.user_id &&
         a.invoice_id == b.invoice_id && a.estimate_id == b.estimate_id &&
         a.occurred_at == b.occurred_at && a.entry_type == b.entry_type && a.title == b.title &&
         a.description == b.description && a.metadata == b.metadata;
}

inline Result<CountTable> FakeSession::WriteRows(std::span<const Row> rows) {
  if (!in_txn_) return Fail(ErrorKind::kInternal, "WriteRows outside a transaction");
  const int call = ++dest_.write_calls;
  if (dest_.transient_write_at == call)
    return Fail(ErrorKind::kTransient, "connection lost", "08006");
  if (dest_.permanent_write_at == call) {
    return Fail(ErrorKind::kPermanent, "permission denied for table gazelle_timeline_entries",
                "42501");
  }
  std::set<std::string> seen;
  for (const Row& row : rows) {
    if (!seen.insert(row.external_id).second) {
      return Fail(ErrorKind::kData, "ON CONFLICT DO UPDATE command cannot affect row a second time",
                  "21000");
    }
    if (dest_.reject_rule) {
      if (auto error = dest_.reject_rule(row)) return tl::unexpected(*error);
    }
  }
  std::lock_guard lock(dest_.store.mu);
  CountTable counts;
  for (const Row& row : rows) {
    Counts& c = counts[{row.year, row.source_type}];
    auto pending = pending_rows_.find(row.external_id);
    const Row* before = pending != pending_rows_.end() ? &pending->second : nullptr;
    auto stored = dest_.store.entries.find(row.external_id);
    if (!before && stored != dest_.store.entries.end()) before = &stored->second;
    if (row.repaired) {
      ++c.repaired;
    } else if (!before) {
      ++c.inserted;
    } else if (SameContent(*before, row)) {
      ++c.unchanged;
    } else {
      ++c.updated;
    }
    pending_rows_[row.external_id] = row;
  }
  return counts;
}

inline Status FakeSession::RecordRejects(int64_t run_id, const std::string& unit,
                                         std::span<const Reject> rejects) {
  for (const Reject& r : rejects) pending_rejects_.push_back({run_id, unit, r});
  return {};
}

inline Status FakeSession::SaveProgress(const Checkpoint& checkpoint, const CountTable& deltas) {
  {
    // The checkpoint moves only from where the batch started, as in the real sinks.
    std::lock_guard lock(dest_.store.mu);
    const UnitState& unit = dest_.store.units[checkpoint.unit_id - 1].state;
    if (unit.fetched != checkpoint.fetched_before) {
      return tl::unexpected(CheckpointMiss(
          checkpoint, UnitProgress{unit.fetched, unit.cursor, checkpoint.worker_id, unit.state}));
    }
  }
  pending_progress_.emplace_back(checkpoint, deltas);
  return {};
}

inline Status FakeSession::Commit() {
  const int call = ++dest_.commits;
  if (dest_.transient_commit_at == call) {
    Rollback();
    return Fail(ErrorKind::kTransient, "server closed the connection unexpectedly", "08006");
  }
  std::lock_guard lock(dest_.store.mu);
  FakeStore& s = dest_.store;
  for (auto& [id, row] : pending_rows_) s.entries[id] = std::move(row);
  dest_.rows_written += static_cast<int64_t>(pending_rows_.size());
  for (auto& r : pending_rejects_) s.rejects.push_back(std::move(r));
  for (auto& [cp, deltas] : pending_progress_) {
    for (const auto& [key, c] : deltas) s.counters[cp.run_id][key] += c;
    UnitState& unit = s.units[cp.unit_id - 1].state;
    unit.cursor = cp.cursor;
    unit.fetched = cp.fetched;
    if (cp.unit_done) unit.state = "done";
    s.checkpoints.push_back(cp);
  }
  EndTransaction();
  if (dest_.lost_commit_ack_at == call) {
    return Fail(ErrorKind::kTransient, "server closed the connection unexpectedly", "08006");
  }
  return {};
}

inline void FakeSession::Rollback() {
  if (!in_txn_) return;
  ++dest_.rollbacks;
  EndTransaction();
}

inline void FakeSession::EndTransaction() {
  pending_rows_.clear();
  pending_rejects_.clear();
  pending_progress_.clear();
  in_txn_ = false;
  --dest_.open_transactions;
}

}  // namespace gb::testing
