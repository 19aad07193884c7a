#include "sink/postgres/pg_run_store.h"

#include <nlohmann/json.hpp>

#include "sink/checkpoint_miss.h"
#include "sink/postgres/pg_json.h"
#include "sink/stored_wait_reason.h"
#include "sink/unit_spec_json.h"
#include "sql/postgres.h"

namespace gb {
namespace {

namespace q = sql::postgres;

std::string Str(int64_t v) { return std::to_string(v); }

// A unit from a row (id, ..., name, spec, cursor, fetched, state) whose name
// is at column `from`.
Result<UnitState> ReadUnit(const PgResult& res, int row, int from, int64_t run_id) {
  UnitState unit;
  unit.id = res.Int(row, 0);
  unit.run_id = run_id;
  auto spec = UnitSpecFromJson(res.Text(row, from + 1));
  if (!spec) return tl::unexpected(spec.error());
  unit.spec = std::move(*spec);
  unit.spec.name = std::string(res.Text(row, from));
  unit.cursor = std::string(res.Text(row, from + 2));
  unit.fetched = res.Int(row, from + 3);
  unit.state = std::string(res.Text(row, from + 4));
  return unit;
}

}  // namespace

template <class T, class F>
Result<T> PgRunStore::InTransaction(std::string_view doing, F body) {
  if (auto s = conn_->Simple(doing, std::string(q::kBegin)); !s) return tl::unexpected(s.error());
  Result<T> result = body();
  if (!result) {
    (void)conn_->Simple(doing, std::string(q::kRollback));
    return result;
  }
  if (auto s = conn_->Simple(doing, std::string(q::kCommit)); !s) return tl::unexpected(s.error());
  return result;
}

Result<RunRecord> PgRunStore::ReadRun(const PgResult& res) {
  RunRecord run;
  run.id = res.Int(0, 0);
  run.fingerprint = std::string(res.Text(0, 1));
  run.params_json = std::string(res.Text(0, 2));
  run.state = ParseRunState(res.Text(0, 3)).value_or(RunState::kRunning);
  run.started_at = std::chrono::system_clock::time_point(std::chrono::seconds(res.Int(0, 4)));
  run.units = static_cast<int>(res.Int(0, 5));
  auto plan = conn_->Exec("reading the plan", q::kRunPlan, {Str(run.id)});
  if (!plan) return tl::unexpected(plan.error());
  for (int i = 0; i < plan->rows(); ++i) {
    run.expected[static_cast<int>(plan->Int(i, 0))] = plan->Int(i, 1);
  }
  return run;
}

Result<std::optional<RunRecord>> PgRunStore::LatestRun() {
  auto res = conn_->Exec("reading the latest run", q::kLatestRun);
  if (!res) return tl::unexpected(res.error());
  if (res->rows() == 0) return std::optional<RunRecord>();
  auto run = ReadRun(*res);
  if (!run) return tl::unexpected(run.error());
  return std::optional<RunRecord>(std::move(*run));
}

Result<RunRecord> PgRunStore::CreateRun(const NewRun& run) {
  return InTransaction<RunRecord>("creating the run", [&] { return CreateRunLocked(run); });
}

Result<RunRecord> PgRunStore::CreateRunLocked(const NewRun& run) {
  const char* doing = "creating the run";
  if (auto s = conn_->Exec(doing, q::kLockRuns); !s) return tl::unexpected(s.error());
  auto open = conn_->Exec(doing, q::kOpenRunByFingerprint, {run.fingerprint});
  if (!open) return tl::unexpected(open.error());
  if (open->rows() > 0) return ReadRun(*open);
  auto res = conn_->Exec(doing, q::kInsertRun, {run.fingerprint, run.params_json});
  if (!res) return tl::unexpected(res.error());
  std::string id = std::string(res->Text(0, 0));
  nlohmann::json plan = nlohmann::json::array();
  for (const auto& [year, expected] : run.expected) {
    plan.push_back({{"year", year}, {"expected", expected}});
  }
  nlohmann::json units = nlohmann::json::array();
  for (const auto& u : run.units) {
    units.push_back({{"name", u.name}, {"spec", nlohmann::json::parse(UnitSpecToJson(u))}});
  }
  if (auto s = conn_->Exec(doing, q::kInsertPlan, {id, DumpJson(plan)}); !s) {
    return tl::unexpected(s.error());
  }
  if (auto s = conn_->Exec(doing, q::kInsertUnits, {id, DumpJson(units)}); !s) {
    return tl::unexpected(s.error());
  }
  return ReadRun(*res);
}

Status PgRunStore::ResetRun(int64_t run_id) {
  return InTransaction<void>("resetting the run", [&]() -> Status {
    for (std::string_view sql : {q::kResetCounters, q::kResetRejects, q::kRemoveCheckUnits,
                                 q::kResetUnits, q::kResetRun}) {
      if (auto s = conn_->Exec("resetting the run", sql, {Str(run_id)}); !s) {
        return tl::unexpected(s.error());
      }
    }
    return {};
  });
}

Result<std::optional<UnitState>> PgRunStore::ClaimUnit(int64_t run_id, const std::string& worker_id,
                                                       std::chrono::seconds lease) {
  auto res =
      conn_->Exec("claiming a unit", q::kClaimUnit, {Str(run_id), worker_id, Str(lease.count())});
  if (!res) return tl::unexpected(res.error());
  if (res->rows() == 0) return std::optional<UnitState>();
  auto unit = ReadUnit(*res, 0, 2, res->Int(0, 1));
  if (!unit) return tl::unexpected(unit.error());
  return std::optional<UnitState>(std::move(*unit));
}

Result<std::vector<UnitState>> PgRunStore::RunUnits(int64_t run_id) {
  auto res = conn_->Exec("reading the units", q::kRunUnits, {Str(run_id)});
  if (!res) return tl::unexpected(res.error());
  std::vector<UnitState> units;
  for (int r = 0; r < res->rows(); ++r) {
    auto unit = ReadUnit(*res, r, 1, run_id);
    if (!unit) return tl::unexpected(unit.error());
    units.push_back(std::move(*unit));
  }
  return units;
}

Result<bool> PgRunStore::AddUnit(int64_t run_id, const UnitSpec& unit) {
  return InTransaction<bool>("adding a unit", [&]() -> Result<bool> {
    const char* doing = "adding a unit";
    auto res =
        conn_->Exec(doing, q::kAddUnit, {Str(run_id), SafeText(unit.name), UnitSpecToJson(unit)});
    if (!res) return tl::unexpected(res.error());
    if (res->rows() == 0) return false;
    if (unit.recount && !unit.stream.empty()) {
      for (std::string_view sql : {q::kClearStreamCounters, q::kClearStreamRejects}) {
        auto cleared = conn_->Exec(doing, sql, {Str(run_id), SafeText(unit.stream)});
        if (!cleared) return tl::unexpected(cleared.error());
      }
    }
    if (!unit.count_year) return true;
    for (std::string_view sql : {q::kClearYearCounters, q::kClearYearRejects}) {
      auto cleared = conn_->Exec(doing, sql, {Str(run_id), Str(*unit.count_year)});
      if (!cleared) return tl::unexpected(cleared.error());
    }
    return true;
  });
}

Status PgRunStore::UpdatePlan(int64_t run_id, const std::map<int, int64_t>& expected) {
  nlohmann::json plan = nlohmann::json::array();
  for (const auto& [year, n] : expected) plan.push_back({{"year", year}, {"expected", n}});
  auto res = conn_->Exec("updating the plan", q::kUpdatePlan, {Str(run_id), DumpJson(plan)});
  if (!res) return tl::unexpected(res.error());
  return {};
}

Status PgRunStore::ReopenRun(int64_t run_id) {
  auto res = conn_->Exec("reopening the run", q::kResetRun, {Str(run_id)});
  if (!res) return tl::unexpected(res.error());
  return {};
}

Status PgRunStore::ReleaseUnit(int64_t unit_id, const std::string& worker_id) {
  auto res = conn_->Exec("releasing a unit", q::kReleaseUnit, {Str(unit_id), worker_id});
  if (!res) return tl::unexpected(res.error());
  return {};
}

Result<std::vector<UnitLease>> PgRunStore::QuietLeases(int64_t run_id, std::chrono::seconds lease,
                                                       std::chrono::seconds quiet) {
  auto res = conn_->Exec("reading the leases", q::kQuietLeases,
                         {Str(run_id), Str(lease.count()), Str(quiet.count())});
  if (!res) return tl::unexpected(res.error());
  std::vector<UnitLease> leases;
  for (int r = 0; r < res->rows(); ++r) {
    leases.push_back({res->Int(r, 0), std::string(res->Text(r, 1))});
  }
  return leases;
}

Status PgRunStore::Heartbeat(const WorkerBeat& beat) {
  const StoredWaitReason r = ToStored(beat.reason);
  auto opt = [](const std::optional<int64_t>& v) -> PgParam {
    return v ? PgParam(Str(*v)) : std::nullopt;
  };
  auto text = [](const std::optional<std::string>& v) -> PgParam {
    return v ? PgParam(SafeText(*v)) : std::nullopt;
  };
  auto res = conn_->Exec(
      "recording the heartbeat", q::kHeartbeat,
      {Str(beat.run_id), SafeText(FormatWorkerId(beat.worker)), SafeText(beat.worker.host),
       Str(beat.worker.pid), std::string(WorkerStateName(beat.state)), SafeText(r.legacy),
       Str(beat.lease.count()), text(r.code), opt(r.until), opt(r.attempt), opt(r.http_status),
       text(r.detail), opt(r.rate), opt(r.pace)});
  if (!res) return tl::unexpected(res.error());
  return {};
}

Result<bool> PgRunStore::AllUnitsDone(int64_t run_id) {
  auto res = conn_->Exec("checking the units", q::kAllUnitsDone, {Str(run_id)});
  if (!res) return tl::unexpected(res.error());
  return res->Bool(0, 0);
}

Status PgRunStore::FinishRun(int64_t run_id, RunState state, const std::string& reason) {
  auto res = conn_->Exec("finishing the run", q::kFinishRun,
                         {Str(run_id), std::string(RunStateName(state)), SafeText(reason)});
  if (!res) return tl::unexpected(res.error());
  return {};
}

Result<CountTable> PgRunStore::RunCounts(int64_t run_id) {
  auto res = conn_->Exec("reading the counters", q::kRunCounts, {Str(run_id)});
  if (!res) return tl::unexpected(res.error());
  CountTable table;
  for (int i = 0; i < res->rows(); ++i) {
    Counts& c = table[CountKey{static_cast<int>(res->Int(i, 0)), std::string(res->Text(i, 1))}];
    c.inserted = res->Int(i, 2);
    c.updated = res->Int(i, 3);
    c.unchanged = res->Int(i, 4);
    c.repaired = res->Int(i, 5);
    c.rejected = res->Int(i, 6);
    c.skipped = res->Int(i, 7);
    c.unlinked = res->Int(i, 8);
  }
  return table;
}

Error PgRunStore::Missed(const Checkpoint& cp) {
  auto res =
      conn_->Exec("reading the checkpoint", q::kUnitProgress, {Str(cp.unit_id), Str(cp.run_id)});
  if (!res) return res.error();
  std::optional<UnitProgress> now;
  if (res->rows() > 0) {
    now = UnitProgress{res->Int(0, 0), std::string(res->Text(0, 1)), std::nullopt,
                       std::string(res->Text(0, 3))};
    if (!res->IsNull(0, 2)) now->lease_owner = std::string(res->Text(0, 2));
  }
  return CheckpointMiss(cp, now);
}

// One statement (a round trip less to a far database): the counters move only
// with the checkpoint (sql/postgres/save_progress.sql).
Status PgRunStore::SaveProgress(const Checkpoint& cp, const CountTable& deltas) {
  auto res =
      conn_->Exec("saving the checkpoint", q::kSaveProgress,
                  {Str(cp.unit_id), Str(cp.run_id), SafeText(cp.cursor), Str(cp.fetched),
                   cp.unit_done ? "true" : "false", SafeText(cp.worker_id), Str(cp.fetched_before),
                   deltas.empty() ? std::string("[]") : CounterDeltasJson(deltas)});
  if (!res) return tl::unexpected(res.error());
  if (res->rows() == 0) return tl::unexpected(Missed(cp));
  return {};
}

Status PgRunStore::RecordRejects(int64_t run_id, const std::string& unit,
                                 std::span<const Reject> rejects) {
  if (rejects.empty()) return {};
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : rejects) {
    rows.push_back({{"external_id", SafeText(r.external_id)},
                    {"year", r.year},
                    {"type", SafeText(r.type)},
                    {"sqlstate", SafeText(r.sqlstate)},
                    {"reason", SafeText(r.reason)},
                    {"raw", SafeText(r.raw)}});
  }
  auto res = conn_->Exec("recording rejects", q::kInsertRejects,
                         {Str(run_id), SafeText(unit), DumpJson(rows)});
  if (!res) return tl::unexpected(res.error());
  return {};
}

}  // namespace gb
