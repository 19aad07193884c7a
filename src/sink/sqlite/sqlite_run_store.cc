#include "sink/sqlite/sqlite_run_store.h"

#include "sink/checkpoint_miss.h"
#include "sink/stored_wait_reason.h"
#include "sink/unit_spec_json.h"
#include "sql/sqlite.h"

namespace gb {
namespace {

namespace q = sql::sqlite;

// A unit from a row (id, ..., name, spec, cursor, fetched, state) whose name
// is at `name_col`.
Result<UnitState> ReadUnit(sqlite3_stmt* stmt, int name_col, int64_t run_id) {
  UnitState unit;
  unit.id = sqlite3_column_int64(stmt, 0);
  unit.run_id = run_id;
  std::string name = SqliteConnection::Text(stmt, name_col);
  auto spec = UnitSpecFromJson(SqliteConnection::Text(stmt, name_col + 1));
  if (!spec) return Err(spec);
  unit.spec = std::move(*spec);
  unit.spec.name = std::move(name);
  unit.cursor = SqliteConnection::Text(stmt, name_col + 2);
  unit.fetched = sqlite3_column_int64(stmt, name_col + 3);
  unit.state = SqliteConnection::Text(stmt, name_col + 4);
  return unit;
}

}  // namespace

Status SqliteRunStore::InTransaction(std::string_view doing, const std::function<Status()>& body) {
  if (auto s = conn_->Exec(doing, q::kBegin); !s) return s;
  if (auto s = body(); !s) {
    (void)conn_->Exec(doing, q::kRollback);
    return s;
  }
  return conn_->Exec(doing, q::kCommit);
}

Result<RunRecord> SqliteRunStore::ReadRun(sqlite3_stmt* stmt) {
  RunRecord run;
  run.id = sqlite3_column_int64(stmt, 0);
  run.fingerprint = SqliteConnection::Text(stmt, 1);
  run.params_json = SqliteConnection::Text(stmt, 2);
  run.state = ParseRunState(SqliteConnection::Text(stmt, 3)).value_or(RunState::kRunning);
  run.started_at =
      std::chrono::system_clock::time_point(std::chrono::seconds(sqlite3_column_int64(stmt, 4)));
  run.units = sqlite3_column_int(stmt, 5);
  SqliteConnection::Done(stmt);
  auto plan = conn_->Run("reading the plan", q::kRunPlan, run.id);
  if (!plan) return Err(plan);
  for (bool row = *plan != nullptr; row;) {
    run.expected[sqlite3_column_int(*plan, 0)] = sqlite3_column_int64(*plan, 1);
    auto more = conn_->Next("reading the plan", *plan);
    if (!more) return Err(more);
    row = *more;
  }
  return run;
}

Result<std::optional<RunRecord>> SqliteRunStore::LatestRun() {
  auto stmt = conn_->Run("reading the latest run", q::kLatestRun);
  if (!stmt) return Err(stmt);
  if (*stmt == nullptr) return std::optional<RunRecord>();
  auto run = ReadRun(*stmt);
  if (!run) return Err(run);
  return std::optional<RunRecord>(std::move(*run));
}

Result<RunRecord> SqliteRunStore::CreateRun(const NewRun& run) {
  Result<RunRecord> created = Fail(ErrorKind::kInternal, "run not created");
  auto s = InTransaction("creating the run", [&]() -> Status {
    created = CreateRunLocked(run);
    if (!created) return Err(created);
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return created;
}

Result<RunRecord> SqliteRunStore::CreateRunLocked(const NewRun& run) {
  const char* doing = "creating the run";
  auto open = conn_->Run(doing, q::kOpenRunByFingerprint, run.fingerprint);
  if (!open) return Err(open);
  if (*open != nullptr) return ReadRun(*open);
  if (auto s = conn_->Run(doing, q::kInsertRun, run.fingerprint, run.params_json); !s)
    return Err(s);
  int64_t id = conn_->LastInsertId();
  for (const auto& [year, expected] : run.expected) {
    if (auto s = conn_->Run(doing, q::kInsertPlan, id, year, expected); !s) return Err(s);
  }
  for (const auto& unit : run.units) {
    if (auto s = conn_->Run(doing, q::kInsertUnit, id, unit.name, UnitSpecToJson(unit)); !s) {
      return Err(s);
    }
  }
  auto created = conn_->Run(doing, q::kRunById, id);
  if (!created) return Err(created);
  if (*created == nullptr) return Fail(ErrorKind::kInternal, "the new run vanished");
  return ReadRun(*created);
}

Status SqliteRunStore::ResetRun(int64_t run_id) {
  return InTransaction("resetting the run", [&]() -> Status {
    for (std::string_view sql : {q::kResetCounters, q::kResetRejects, q::kRemoveCheckUnits,
                                 q::kResetUnits, q::kResetRun}) {
      if (auto s = conn_->Run("resetting the run", sql, run_id); !s) return Err(s);
    }
    return {};
  });
}

Result<std::optional<UnitState>> SqliteRunStore::ClaimUnit(int64_t run_id,
                                                           const std::string& worker_id,
                                                           std::chrono::seconds lease) {
  auto stmt = conn_->Run("claiming a unit", q::kClaimUnit, run_id, worker_id,
                         static_cast<int64_t>(lease.count()));
  if (!stmt) return Err(stmt);
  if (*stmt == nullptr) return std::optional<UnitState>();
  auto unit = ReadUnit(*stmt, 2, sqlite3_column_int64(*stmt, 1));
  // Step to the end so the UPDATE ... RETURNING completes and commits.
  if (auto more = conn_->Next("claiming a unit", *stmt); !more) return Err(more);
  if (!unit) return Err(unit);
  return std::optional<UnitState>(std::move(*unit));
}

Result<std::vector<UnitState>> SqliteRunStore::RunUnits(int64_t run_id) {
  std::vector<UnitState> units;
  std::optional<Error> bad;
  auto s = conn_->ForEachRow(
      "reading the units", q::kRunUnits,
      [&](sqlite3_stmt* stmt) {
        auto unit = ReadUnit(stmt, 1, run_id);
        if (unit) {
          units.push_back(std::move(*unit));
        } else if (!bad) {
          bad = unit.error();
        }
      },
      run_id);
  if (!s) return Err(s);
  if (bad) return tl::unexpected(*bad);
  return units;
}

Result<bool> SqliteRunStore::AddUnit(int64_t run_id, const UnitSpec& unit) {
  const char* doing = "adding a unit";
  bool added = false;
  auto s = InTransaction(doing, [&]() -> Status {
    if (auto r = conn_->Run(doing, q::kAddUnit, run_id, unit.name, UnitSpecToJson(unit)); !r) {
      return Err(r);
    }
    added = conn_->Changes() > 0;
    if (added && unit.recount && !unit.stream.empty()) {
      for (std::string_view sql : {q::kClearStreamCounters, q::kClearStreamRejects}) {
        if (auto r = conn_->Run(doing, sql, run_id, unit.stream); !r) return Err(r);
      }
    }
    if (!added || !unit.count_year) return {};
    for (std::string_view sql : {q::kClearYearCounters, q::kClearYearRejects}) {
      if (auto r = conn_->Run(doing, sql, run_id, *unit.count_year); !r) return Err(r);
    }
    return {};
  });
  if (!s) return Err(s);
  return added;
}

Status SqliteRunStore::UpdatePlan(int64_t run_id, const std::map<int, int64_t>& expected) {
  return InTransaction("updating the plan", [&]() -> Status {
    for (const auto& [year, n] : expected) {
      if (auto r = conn_->Run("updating the plan", q::kUpdatePlan, run_id, year, n); !r) {
        return Err(r);
      }
    }
    return {};
  });
}

Status SqliteRunStore::ReopenRun(int64_t run_id) {
  if (auto s = conn_->Run("reopening the run", q::kResetRun, run_id); !s) return Err(s);
  return {};
}

Status SqliteRunStore::ReleaseUnit(int64_t unit_id, const std::string& worker_id) {
  if (auto s = conn_->Run("releasing a unit", q::kReleaseUnit, unit_id, worker_id); !s) {
    return Err(s);
  }
  return {};
}

Result<std::vector<UnitLease>> SqliteRunStore::QuietLeases(int64_t run_id,
                                                           std::chrono::seconds lease,
                                                           std::chrono::seconds quiet) {
  const char* doing = "reading the leases";
  auto stmt = conn_->Run(doing, q::kQuietLeases, run_id, static_cast<int64_t>(lease.count()),
                         static_cast<int64_t>(quiet.count()));
  if (!stmt) return Err(stmt);
  std::vector<UnitLease> leases;
  for (bool row = *stmt != nullptr; row;) {
    leases.push_back({sqlite3_column_int64(*stmt, 0), SqliteConnection::Text(*stmt, 1)});
    auto more = conn_->Next(doing, *stmt);
    if (!more) return Err(more);
    row = *more;
  }
  return leases;
}

Status SqliteRunStore::Heartbeat(const WorkerBeat& beat) {
  const char* doing = "recording the heartbeat";
  return InTransaction(doing, [&]() -> Status {
    const std::string id = FormatWorkerId(beat.worker);
    const StoredWaitReason r = ToStored(beat.reason);
    if (auto s = conn_->Run(doing, q::kUpsertWorker, beat.run_id, id, beat.worker.host,
                            beat.worker.pid, WorkerStateName(beat.state), r.legacy, r.code, r.until,
                            r.attempt, r.http_status, r.detail, r.rate, r.pace);
        !s) {
      return Err(s);
    }
    if (auto s = conn_->Run(doing, q::kRenewLeases, beat.run_id, id,
                            static_cast<int64_t>(beat.lease.count()));
        !s) {
      return Err(s);
    }
    if (auto s = conn_->Run(doing, q::kRunHeartbeat, beat.run_id); !s) return Err(s);
    return {};
  });
}

Result<bool> SqliteRunStore::AllUnitsDone(int64_t run_id) {
  auto stmt = conn_->Run("checking the units", q::kAllUnitsDone, run_id);
  if (!stmt) return Err(stmt);
  bool done = *stmt != nullptr && sqlite3_column_int(*stmt, 0) != 0;
  SqliteConnection::Done(*stmt);
  return done;
}

Status SqliteRunStore::FinishRun(int64_t run_id, RunState state, const std::string& reason) {
  if (auto s = conn_->Run("finishing the run", q::kFinishRun, run_id, RunStateName(state), reason);
      !s) {
    return Err(s);
  }
  return {};
}

Result<CountTable> SqliteRunStore::RunCounts(int64_t run_id) {
  const char* doing = "reading the counters";
  CountTable table;
  auto stmt = conn_->Run(doing, q::kRunCounts, run_id);
  if (!stmt) return Err(stmt);
  for (bool row = *stmt != nullptr; row;) {
    Counts& c = table[CountKey{sqlite3_column_int(*stmt, 0), SqliteConnection::Text(*stmt, 1)}];
    c.inserted = sqlite3_column_int64(*stmt, 2);
    c.updated = sqlite3_column_int64(*stmt, 3);
    c.unchanged = sqlite3_column_int64(*stmt, 4);
    c.repaired = sqlite3_column_int64(*stmt, 5);
    c.rejected = sqlite3_column_int64(*stmt, 6);
    c.skipped = sqlite3_column_int64(*stmt, 7);
    c.unlinked = sqlite3_column_int64(*stmt, 8);
    auto more = conn_->Next(doing, *stmt);
    if (!more) return Err(more);
    row = *more;
  }
  return table;
}

Error SqliteRunStore::Missed(const Checkpoint& cp) {
  auto stmt = conn_->Run("reading the checkpoint", q::kUnitProgress, cp.unit_id, cp.run_id);
  if (!stmt) return stmt.error();
  std::optional<UnitProgress> now;
  if (*stmt != nullptr) {
    now = UnitProgress{sqlite3_column_int64(*stmt, 0), SqliteConnection::Text(*stmt, 1),
                       std::nullopt, SqliteConnection::Text(*stmt, 3)};
    if (sqlite3_column_type(*stmt, 2) != SQLITE_NULL) {
      now->lease_owner = SqliteConnection::Text(*stmt, 2);
    }
  }
  return CheckpointMiss(cp, now);
}

Status SqliteRunStore::SaveProgress(const Checkpoint& cp, const CountTable& deltas) {
  const char* doing = "saving the checkpoint";
  if (auto s = conn_->Run(doing, q::kSaveCheckpoint, cp.unit_id, cp.run_id, cp.cursor, cp.fetched,
                          cp.unit_done, cp.worker_id, cp.fetched_before);
      !s) {
    return Err(s);
  }
  if (conn_->Changes() == 0) return tl::unexpected(Missed(cp));
  for (const auto& [key, c] : deltas) {
    if (auto s = conn_->Run("adding the counters", q::kAddCounters, cp.run_id, key.year, key.type,
                            c.inserted, c.updated, c.unchanged, c.repaired, c.rejected, c.skipped,
                            c.unlinked);
        !s) {
      return Err(s);
    }
  }
  return {};
}

Status SqliteRunStore::RecordRejects(int64_t run_id, const std::string& unit,
                                     std::span<const Reject> rejects) {
  for (const auto& r : rejects) {
    if (auto s = conn_->Run("recording rejects", q::kInsertReject, run_id, unit, r.external_id,
                            r.year, r.type, r.sqlstate, r.reason, r.raw);
        !s) {
      return Err(s);
    }
  }
  return {};
}

}  // namespace gb
