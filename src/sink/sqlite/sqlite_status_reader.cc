#include "sink/sqlite/sqlite_status_reader.h"

#include <ctime>
#include <filesystem>

#include "sink/stored_wait_reason.h"
#include "sql/sqlite.h"

namespace gb {
namespace {

namespace q = sql::sqlite;

std::optional<int64_t> OptInt(sqlite3_stmt* stmt, int col) {
  if (sqlite3_column_type(stmt, col) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(stmt, col);
}

int64_t Int(sqlite3_stmt* stmt, int col) { return sqlite3_column_int64(stmt, col); }

std::optional<std::string> OptText(sqlite3_stmt* stmt, int col) {
  if (sqlite3_column_type(stmt, col) == SQLITE_NULL) return std::nullopt;
  return SqliteConnection::Text(stmt, col);
}

// A row of status_workers.sql (or of its form before the reason codes).
WorkerRow Worker(sqlite3_stmt* st) {
  StoredWaitReason stored{SqliteConnection::Text(st, 4),
                          OptText(st, 7),
                          OptInt(st, 8),
                          OptInt(st, 9),
                          OptInt(st, 10),
                          OptText(st, 11),
                          OptInt(st, 12),
                          OptInt(st, 13)};
  return WorkerRow{SqliteConnection::Text(st, 0),
                   SqliteConnection::Text(st, 1),
                   Int(st, 2),
                   ParseWorkerState(SqliteConnection::Text(st, 3)).value_or(WorkerState::kRunning),
                   FromStored(stored),
                   Int(st, 5),
                   Int(st, 6)};
}

}  // namespace

Result<DbStatus> SqliteStatusReader::Read() {
  DbStatus status;
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) {
    status.database_exists = false;
    status.now = std::time(nullptr);  // no database clock to ask yet
    return status;
  }
  if (!conn_) {
    auto conn = SqliteConnection::Open(path_);
    if (!conn) return tl::unexpected(conn.error());
    conn_ = std::move(*conn);
  }
  if (auto s = ReadInto(status); !s) {
    conn_.reset();  // start afresh next time
    return tl::unexpected(s.error());
  }
  return status;
}

Result<bool> SqliteStatusReader::TableExists(const char* name) {
  bool exists = false;
  auto s = conn_->ForEachRow(
      "checking for a table", q::kTableExists, [&](sqlite3_stmt* st) { exists = Int(st, 0) > 0; },
      std::string_view(name));
  if (!s) return tl::unexpected(s.error());
  return exists;
}

Status SqliteStatusReader::ReadInto(DbStatus& status) {
  auto now = conn_->ForEachRow("reading the clock", q::kStatusNow,
                               [&](sqlite3_stmt* st) { status.now = Int(st, 0); });
  if (!now) return now;
  auto runs_exist = TableExists("gb_runs");
  if (!runs_exist) return tl::unexpected(runs_exist.error());
  status.tables_exist = *runs_exist;
  if (status.tables_exist) {
    auto s = conn_->ForEachRow("reading the runs", q::kStatusRuns, [&](sqlite3_stmt* st) {
      status.runs.push_back(RunRow{
          Int(st, 0), ParseRunState(SqliteConnection::Text(st, 1)).value_or(RunState::kRunning),
          SqliteConnection::Text(st, 2), SqliteConnection::Text(st, 3), Int(st, 4), Int(st, 5),
          OptInt(st, 6)});
    });
    if (!s) return s;
    if (!status.runs.empty()) {
      if (auto d = ReadRunDetails(status.runs.front().id, status); !d) return d;
    }
  }
  return ReadEntries(status);
}

Status SqliteStatusReader::ReadRunDetails(int64_t run_id, DbStatus& status) {
  auto s = conn_->ForEachRow(
      "reading the plan", q::kStatusPlan,
      [&](sqlite3_stmt* st) { status.plan[static_cast<int>(Int(st, 0))] = Int(st, 1); }, run_id);
  if (!s) return s;
  // A database an earlier version wrote has no `unlinked` until the next run.
  bool has_unlinked = false;
  s = conn_->ForEachRow("reading the counters", q::kCountersHasUnlinked,
                        [&](sqlite3_stmt* st) { has_unlinked = Int(st, 0) > 0; });
  if (!s) return s;
  s = conn_->ForEachRow(
      "reading the counters", has_unlinked ? q::kStatusCounters : q::kStatusCountersBeforeUnlinked,
      [&](sqlite3_stmt* st) {
        const int year = static_cast<int>(Int(st, 0));
        Counts& counts = year == kWholeStream
                             ? status.stream_counters[SqliteConnection::Text(st, 9)]
                             : status.counters[year];
        counts = Counts{.inserted = Int(st, 1),
                        .updated = Int(st, 2),
                        .unchanged = Int(st, 3),
                        .repaired = Int(st, 4),
                        .unlinked = Int(st, 8),
                        .rejected = Int(st, 5),
                        .skipped = Int(st, 6)};
        auto at = OptInt(st, 7);
        if (at && (!status.last_counter_update || *at > *status.last_counter_update)) {
          status.last_counter_update = at;
        }
      },
      run_id);
  if (!s) return s;
  s = conn_->ForEachRow(
      "reading the units", q::kStatusUnits,
      [&](sqlite3_stmt* st) {
        status.units.push_back(UnitRow{Int(st, 0), SqliteConnection::Text(st, 1),
                                       SqliteConnection::Text(st, 2), SqliteConnection::Text(st, 3),
                                       OptInt(st, 4), SqliteConnection::Text(st, 5), Int(st, 6),
                                       Int(st, 7), SqliteConnection::Text(st, 8), OptInt(st, 9)});
      },
      run_id);
  if (!s) return s;
  if (s = ReadWorkers(run_id, status); !s) return s;
  s = conn_->ForEachRow(
      "reading the heartbeats", q::kStatusBeatAges,
      [&](sqlite3_stmt* st) { status.beat_age_ms[SqliteConnection::Text(st, 0)] = Int(st, 1); },
      run_id);
  if (!s) return s;
  return conn_->ForEachRow(
      "reading the rejects", q::kStatusRejects,
      [&](sqlite3_stmt* st) {
        status.rejects_by_reason[SqliteConnection::Text(st, 0)] = Int(st, 1);
      },
      run_id);
}

// A database an earlier version wrote has no reason codes until the next run.
Status SqliteStatusReader::ReadWorkers(int64_t run_id, DbStatus& status) {
  bool has_codes = false;
  auto s = conn_->ForEachRow("reading the workers", q::kWorkersHasReasonCode,
                             [&](sqlite3_stmt* st) { has_codes = Int(st, 0) > 0; });
  if (!s) return s;
  return conn_->ForEachRow(
      "reading the workers", has_codes ? q::kStatusWorkers : q::kStatusWorkersBeforeCodes,
      [&](sqlite3_stmt* st) { status.workers.push_back(Worker(st)); }, run_id);
}

Status SqliteStatusReader::ReadEntries(DbStatus& status) {
  auto exists = TableExists("gazelle_timeline_entries");
  if (!exists) return tl::unexpected(exists.error());
  if (!*exists) return {};
  auto s = conn_->ForEachRow("reading the latest entries", q::kStatusLatestEntries,
                             [&](sqlite3_stmt* st) {
                               status.latest.push_back(EntryRow{SqliteConnection::Text(st, 0),
                                                                SqliteConnection::Text(st, 1),
                                                                SqliteConnection::Text(st, 2)});
                             });
  if (!s) return s;
  s = conn_->ForEachRow("estimating the rows", q::kStatusEstimate,
                        [&](sqlite3_stmt* st) { status.rows_estimate = Int(st, 0); });
  if (!s) return s;
  s = conn_->ForEachRow("reading the newest entry's time", q::kStatusNewestEntry,
                        [&](sqlite3_stmt* st) {
                          if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
                            status.newest_entry_at = Int(st, 0);
                          }
                        });
  if (!s) return s;
  return ReadSync(status);
}

// What sync leaves for watch; nothing before the first run of a version with sync.
Status SqliteStatusReader::ReadSync(DbStatus& status) {
  auto exists = TableExists("gb_schedule");
  if (!exists) return tl::unexpected(exists.error());
  if (!*exists) return {};
  auto s = conn_->ForEachRow(
      "reading the rows marked missing", q::kStatusMarks,
      [&](sqlite3_stmt* st) { status.marked[SqliteConnection::Text(st, 0)] = Int(st, 1); });
  if (!s) return s;
  s = conn_->ForEachRow("reading the streams' last sweeps", q::kStatusStreamSweeps,
                        [&](sqlite3_stmt* st) {
                          status.stream_swept_at[SqliteConnection::Text(st, 0)] = Int(st, 1);
                        });
  if (!s) return s;
  return conn_->ForEachRow("reading the schedule", q::kStatusSchedule, [&](sqlite3_stmt* st) {
    status.schedule =
        ScheduleRow{SqliteConnection::Text(st, 0), Int(st, 1), Int(st, 2), Int(st, 3)};
  });
}

}  // namespace gb
