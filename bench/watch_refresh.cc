// What one `watch` refresh (StatusReader::Read + RunHealth::Add) costs with
// 10,000 and with 1,000,000 rows in gazelle_timeline_entries, on SQLite and on
// PostgreSQL: it reads only the bookkeeping tables, five rows by primary key
// and an estimate, so it must not grow with the table. Prints the median of
// 40 refreshes for each size; exits 1 when the big table costs clearly more.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/worker_id.h"
#include "monitor/run_health.h"
#include "sink/destination.h"
#include "sink/status_reader.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace {

using Clock = std::chrono::steady_clock;

// The loader's bookkeeping for one running run with one claimed unit.
bool PrepareRun(const std::string& url, int64_t rows) {
  auto dest = gb::OpenDestination(url);
  if (!dest) return false;
  auto s = (*dest)->Connect();
  if (!s || !(*s)->EnsureSchema({})) return false;
  gb::UnitSpec unit_spec;
  unit_spec.name = "type:A";
  unit_spec.types = {"APPOINTMENT"};
  gb::NewRun run{"fp", "{}", {{2024, rows}}, {unit_spec}};
  auto created = (*s)->CreateRun(run);
  if (!created) return false;
  auto unit = (*s)->ClaimUnit(created->id, "w1", std::chrono::seconds(60));
  if (!unit || !*unit) return false;
  gb::CountTable counts{{gb::CountKey{2024, "APPOINTMENT"}, gb::Counts{.inserted = rows}}};
  if (!(*s)->Begin() ||
      !(*s)->SaveProgress({created->id, (*unit)->id, "w1", "c", rows, false}, counts) ||
      !(*s)->Commit()) {
    return false;
  }
  gb::WorkerBeat beat;
  beat.run_id = created->id;
  beat.worker = gb::WorkerId{"host", 1, "w1"};
  return static_cast<bool>((*s)->Heartbeat(beat));
}

bool FillSqlite(const std::string& path, int64_t rows) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  std::string sql =
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
      std::to_string(rows) +
      ") INSERT INTO gazelle_timeline_entries (external_id, client_id, occurred_at, entry_type, "
      "title) SELECT printf('tme_%020x', i), 'cli_1', '2024-01-01T00:00:00Z', 'APPOINTMENT', 't' "
      "FROM n";
  bool ok = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(db);
  return ok;
}

bool FillPostgres(gb::test::PgServer& pg, const std::string& db, int64_t rows) {
  std::string sql =
      "INSERT INTO gazelle_timeline_entries (external_id, client_id, occurred_at, entry_type, "
      "title) SELECT 'tme_' || lpad(to_hex(i), 20, '0'), 'cli_1', '2024-01-01', 'APPOINTMENT', "
      "'t' FROM generate_series(1, " +
      std::to_string(rows) + ") i; ANALYZE gazelle_timeline_entries";
  return static_cast<bool>(pg.Exec(sql, db));
}

// Median microseconds of one refresh.
double MedianRefresh(const std::string& url) {
  auto reader = gb::OpenStatusReader(url);
  if (!reader) return -1;
  gb::RunHealth health;
  std::vector<double> us;
  for (int i = 0; i < 40; ++i) {
    auto start = Clock::now();
    auto status = (*reader)->Read();
    if (!status) return -1;
    health.Add(i, *status);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::sort(us.begin(), us.end());
  return us[us.size() / 2];
}

double Measure(const std::string& dialect, int64_t rows, gb::test::PgServer* pg) {
  gb::test::TempDir dir("gb-bench-watch-");
  std::string url = "sqlite:" + dir.File("w.db");
  if (pg != nullptr) {
    std::string db = "watch_" + std::to_string(rows);
    if (!pg->CreateDatabase(db)) return -1;
    url = pg->Url(db);
  }
  if (!PrepareRun(url, rows)) return -1;
  bool filled = pg != nullptr ? FillPostgres(*pg, "watch_" + std::to_string(rows), rows)
                              : FillSqlite(dir.File("w.db"), rows);
  if (!filled) return -1;
  double us = MedianRefresh(url);
  std::printf("%-10s %9lld rows: one refresh %8.0f us (median of 40)\n", dialect.c_str(),
              static_cast<long long>(rows), us);
  return us;
}

}  // namespace

int main() {
  gb::test::PgServer pg(gb::test::PgServerOptions{.fsync = false});
  if (!pg.ok()) {
    std::fprintf(stderr, "PostgreSQL did not start: %s\n", pg.error().c_str());
    return 1;
  }
  bool worse = false;
  for (gb::test::PgServer* server : {static_cast<gb::test::PgServer*>(nullptr), &pg}) {
    const char* name = server ? "postgresql" : "sqlite";
    double small = Measure(name, 10000, server);
    double big = Measure(name, 1000000, server);
    if (small < 0 || big < 0) {
      std::fprintf(stderr, "%s: setup or refresh failed\n", name);
      return 1;
    }
    // Noise allowance: twice the small cost plus half a millisecond.
    if (big > 2 * small + 500) worse = true;
    std::printf("%-10s 1,000,000 vs 10,000: x%.2f\n", name, big / small);
  }
  return worse ? 1 : 0;
}
