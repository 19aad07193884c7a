#include "sink/postgres/pg_status_reader.h"

#include "sink/postgres/pg_exposure.h"
#include "sink/stored_wait_reason.h"
#include "sql/postgres.h"

namespace gb {
namespace {

namespace q = sql::postgres;

std::optional<int64_t> OptInt(const PgResult& r, int row, int col) {
  if (r.IsNull(row, col)) return std::nullopt;
  return r.Int(row, col);
}

std::string Str(const PgResult& r, int row, int col) { return std::string(r.Text(row, col)); }

std::optional<std::string> OptStr(const PgResult& r, int row, int col) {
  if (r.IsNull(row, col)) return std::nullopt;
  return Str(r, row, col);
}

// A row of status_workers.sql.
WorkerRow Worker(const PgResult& w, int i) {
  StoredWaitReason stored{Str(w, i, 4),     OptStr(w, i, 7),  OptInt(w, i, 8),  OptInt(w, i, 9),
                          OptInt(w, i, 10), OptStr(w, i, 11), OptInt(w, i, 12), OptInt(w, i, 13)};
  return WorkerRow{
      Str(w, i, 0),       Str(w, i, 1),
      w.Int(i, 2),        ParseWorkerState(Str(w, i, 3)).value_or(WorkerState::kRunning),
      FromStored(stored), w.Int(i, 5),
      w.Int(i, 6)};
}

}  // namespace

Result<DbStatus> PgStatusReader::Read() {
  if (conn_ && conn_->broken()) conn_.reset();
  if (!conn_) {
    auto conn = PgConnection::Open(url_);
    if (!conn) return tl::unexpected(conn.error());
    conn_ = std::move(*conn);
  }
  DbStatus status;
  if (auto s = ReadInto(status); !s) {
    if (conn_->broken()) conn_.reset();
    return tl::unexpected(s.error());
  }
  return status;
}

Result<bool> PgStatusReader::TableExists(const std::string& name) {
  auto res = conn_->Exec("checking for a table", q::kTableExists, {name});
  if (!res) return tl::unexpected(res.error());
  return res->rows() > 0 && res->Bool(0, 0);
}

Status PgStatusReader::ReadInto(DbStatus& status) {
  auto now = conn_->Exec("reading the clock", q::kStatusNow);
  if (!now) return tl::unexpected(now.error());
  status.now = now->Int(0, 0);
  auto runs_exist = TableExists(BookkeepingTable("gb_runs"));
  if (!runs_exist) return tl::unexpected(runs_exist.error());
  status.tables_exist = *runs_exist;
  if (status.tables_exist) {
    auto runs = conn_->Exec("reading the runs", q::kStatusRuns);
    if (!runs) return tl::unexpected(runs.error());
    for (int i = 0; i < runs->rows(); ++i) {
      status.runs.push_back(RunRow{runs->Int(i, 0),
                                   ParseRunState(Str(*runs, i, 1)).value_or(RunState::kRunning),
                                   Str(*runs, i, 2), Str(*runs, i, 3), runs->Int(i, 4),
                                   runs->Int(i, 5), OptInt(*runs, i, 6)});
    }
    if (!status.runs.empty()) {
      if (auto d = ReadRunDetails(status.runs.front().id, status); !d) return d;
    }
  }
  if (auto s = ReadEntries(status); !s) return s;
  auto exposed = PgExposure(conn_.get()).Exposed(AuditedTables());
  if (!exposed) return tl::unexpected(exposed.error());
  status.exposed = std::move(*exposed);
  return {};
}

Status PgStatusReader::ReadRunDetails(int64_t run_id, DbStatus& status) {
  const std::vector<PgParam> id{std::to_string(run_id)};
  auto plan = conn_->Exec("reading the plan", q::kStatusPlan, id);
  if (!plan) return tl::unexpected(plan.error());
  for (int i = 0; i < plan->rows(); ++i) {
    status.plan[static_cast<int>(plan->Int(i, 0))] = plan->Int(i, 1);
  }
  auto counters = conn_->Exec("reading the counters", q::kStatusCounters, id);
  if (!counters) return tl::unexpected(counters.error());
  for (int i = 0; i < counters->rows(); ++i) {
    const PgResult& c = *counters;
    const int year = static_cast<int>(c.Int(i, 0));
    Counts& counts =
        year == kWholeStream ? status.stream_counters[Str(c, i, 9)] : status.counters[year];
    counts = Counts{.inserted = c.Int(i, 1),
                    .updated = c.Int(i, 2),
                    .unchanged = c.Int(i, 3),
                    .repaired = c.Int(i, 4),
                    .unlinked = c.Int(i, 8),
                    .rejected = c.Int(i, 5),
                    .skipped = c.Int(i, 6)};
    auto at = OptInt(c, i, 7);
    if (at && (!status.last_counter_update || *at > *status.last_counter_update)) {
      status.last_counter_update = at;
    }
  }
  auto units = conn_->Exec("reading the units", q::kStatusUnits, id);
  if (!units) return tl::unexpected(units.error());
  for (int i = 0; i < units->rows(); ++i) {
    const PgResult& u = *units;
    status.units.push_back(UnitRow{u.Int(i, 0), Str(u, i, 1), Str(u, i, 2), Str(u, i, 3),
                                   OptInt(u, i, 4), Str(u, i, 5), u.Int(i, 6), u.Int(i, 7),
                                   Str(u, i, 8), OptInt(u, i, 9)});
  }
  auto workers = conn_->Exec("reading the workers", q::kStatusWorkers, id);
  if (!workers) return tl::unexpected(workers.error());
  for (int i = 0; i < workers->rows(); ++i) status.workers.push_back(Worker(*workers, i));
  auto ages = conn_->Exec("reading the heartbeats", q::kStatusBeatAges, id);
  if (!ages) return tl::unexpected(ages.error());
  for (int i = 0; i < ages->rows(); ++i) status.beat_age_ms[Str(*ages, i, 0)] = ages->Int(i, 1);
  auto rejects = conn_->Exec("reading the rejects", q::kStatusRejects, id);
  if (!rejects) return tl::unexpected(rejects.error());
  for (int i = 0; i < rejects->rows(); ++i) {
    status.rejects_by_reason[Str(*rejects, i, 0)] = rejects->Int(i, 1);
  }
  return {};
}

Status PgStatusReader::ReadEntries(DbStatus& status) {
  auto exists = TableExists("gazelle_timeline_entries");
  if (!exists) return tl::unexpected(exists.error());
  if (!*exists) return {};
  auto latest = conn_->Exec("reading the latest entries", q::kStatusLatestEntries);
  if (!latest) return tl::unexpected(latest.error());
  for (int i = 0; i < latest->rows(); ++i) {
    status.latest.push_back(EntryRow{Str(*latest, i, 0), Str(*latest, i, 1), Str(*latest, i, 2)});
  }
  auto estimate = conn_->Exec("estimating the rows", q::kStatusEstimate);
  if (!estimate) return tl::unexpected(estimate.error());
  if (int64_t n = estimate->Int(0, 0); n >= 0) status.rows_estimate = n;
  auto newest = conn_->Exec("reading the newest entry's time", q::kStatusNewestEntry);
  if (!newest) return tl::unexpected(newest.error());
  status.newest_entry_at = OptInt(*newest, 0, 0);
  return ReadSync(status);
}

// What sync leaves for watch; nothing before the first run of a version with sync.
Status PgStatusReader::ReadSync(DbStatus& status) {
  auto exists = TableExists(BookkeepingTable("gb_schedule"));
  if (!exists) return tl::unexpected(exists.error());
  if (!*exists) return {};
  auto marks = conn_->Exec("reading the rows marked missing", q::kStatusMarks);
  if (!marks) return tl::unexpected(marks.error());
  for (int i = 0; i < marks->rows(); ++i) status.marked[Str(*marks, i, 0)] = marks->Int(i, 1);
  auto sweeps = conn_->Exec("reading the streams' last sweeps", q::kStatusStreamSweeps);
  if (!sweeps) return tl::unexpected(sweeps.error());
  for (int i = 0; i < sweeps->rows(); ++i) {
    status.stream_swept_at[Str(*sweeps, i, 0)] = sweeps->Int(i, 1);
  }
  auto schedule = conn_->Exec("reading the schedule", q::kStatusSchedule);
  if (!schedule) return tl::unexpected(schedule.error());
  if (schedule->rows() > 0) {
    status.schedule = ScheduleRow{Str(*schedule, 0, 0), schedule->Int(0, 1), schedule->Int(0, 2),
                                  schedule->Int(0, 3)};
  }
  return {};
}

}  // namespace gb
