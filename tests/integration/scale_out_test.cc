// Scale-out: three `run` processes started with the same command join one
// run and share its units through PostgreSQL (FOR UPDATE SKIP LOCKED
// leases). Each says it runs on another machine (--worker-host), so no
// same-host shortcut applies: when one is killed with -9, its units are taken
// over only once their lease (4 s, --lease) has expired, and the two others
// finish the run: exact per-year counts, no duplicate, every unit's sweep
// equal to what the plan counted for it, counters = fetched.
#include <climits>
#include <csignal>
#include <iostream>
#include <map>
#include <sstream>

#include "core/exit_code.h"
#include "integration/loader_fixture.h"
#include "integration/loader_watch.h"

namespace gb::test {
namespace {

using namespace std::chrono_literals;

constexpr double kScaleOut = 0.05;
constexpr int kLeaseSeconds = 4;

class ScaleOutTest : public LoaderTest {
 protected:
  // Each worker names its connections after its host (application_name), so
  // the test can see what the frozen one still has in flight on the server.
  std::vector<std::string> WorkerArgs(const std::string& host) const {
    // Pages of 100: units long enough, in pages, for the victim to be caught
    // holding one with rows committed.
    return RunArgs(url() + "?application_name=gb-" + host, "2020-2024",
                   {"--batch-size", "100", "--concurrency", "3", "--lease",
                    std::to_string(kLeaseSeconds), "--worker-host", host, "--page-size", "100"});
  }
  std::string InRun(PgProbe& db) const {
    return " WHERE run_id = " + std::to_string(LatestRunId(db));
  }
};

// "3:1796027374296123,6:..." -> {3: 1796027374296123, 6: ...}
std::map<int64_t, int64_t> IdMicros(const std::string& list) {
  std::map<int64_t, int64_t> out;
  std::istringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    const size_t colon = item.find(':');
    if (colon == std::string::npos) continue;
    out[std::stoll(item.substr(0, colon))] = std::stoll(item.substr(colon + 1));
  }
  return out;
}

TEST_F(ScaleOutTest, ThreeWorkersShareOneRunAndFinishTheUnitsOfAKilledOne) {
  StartSim({"--latency-ms", "40"}, kScaleOut);
  const SimTruth truth = Truth({2020, 2021, 2022, 2023, 2024});
  PgProbe db(this->db());
  std::vector<std::unique_ptr<LoaderProcess>> workers;
  for (const char* host : {"machine-a", "machine-b", "machine-c"}) {
    workers.push_back(std::make_unique<LoaderProcess>(WorkerArgs(host), Env(), dir_.path()));
  }
  // Every worker holds a unit, and the victim has committed part of one. The
  // victim is frozen (SIGSTOP) while its units are read, so the list cannot
  // change between the look and the kill. While what it holds is only just
  // claimed (nothing committed yet), it runs on in short bursts and we look
  // again, so a run of a few seconds cannot slip past the look. A statement it
  // had already sent (a COMMIT, a heartbeat) still runs on the server: each
  // look waits until none of its connections is busy, but for waiting on the
  // frozen client (ClientRead) or on a lock (which its own open transaction
  // may hold until it dies: a heartbeat behind its batch's checkpoint).
  const std::string held_by_b = " AND state = 'running' AND lease_owner LIKE 'machine-b:%'";
  const std::string b_busy =
      "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'gb-machine-b' "
      "AND state = 'active' AND coalesce(wait_event_type, '') NOT IN ('Client', 'Lock')";
  const auto frozen_look =
      [&]() -> int64_t {  // units B holds with rows committed; -1: none held, or not settled
    workers[1]->Signal(SIGSTOP);
    if (!WaitUntil(5s, [&] { return db.Int(b_busy) == 0; })) return -1;
    if (db.Int("SELECT count(*) FROM gazelle_backfill.gb_units" + InRun(db) + held_by_b) == 0)
      return -1;
    return db.Int("SELECT count(*) FROM gazelle_backfill.gb_units" + InRun(db) + held_by_b +
                  " AND fetched > 0");
  };
  std::string held_list;
  ASSERT_TRUE(WaitUntil(90s, [&] {
    if (!PgTableExists(db, "gb_units")) return false;
    if (db.Int("SELECT count(DISTINCT split_part(lease_owner, ':', 1)) FROM "
               "gazelle_backfill.gb_units" +
               InRun(db) + " AND state = 'running'") != 3) {
      return false;
    }
    int64_t committed = frozen_look();
    for (int burst = 0; committed >= 0 && burst < 500; ++burst, committed = frozen_look()) {
      if (committed > 0) {
        held_list =
            db.Value("SELECT string_agg(id::text, ',' ORDER BY id) FROM gazelle_backfill.gb_units" +
                     InRun(db) + held_by_b);
        return true;
      }
      workers[1]->Signal(SIGCONT);
      std::this_thread::sleep_for(20ms);
    }
    workers[1]->Signal(SIGCONT);  // it holds nothing (between two units): look again
    return false;
  })) << workers[1]->Kill9().output;
  // Each unit's lease ends when its owner last renewed or claimed it (they
  // differ: a unit claimed after the last heartbeat ends later). Nobody may
  // take a unit before its own lease ended. Microseconds, as the server keeps them.
  const int64_t held =
      db.Int("SELECT count(*) FROM gazelle_backfill.gb_units WHERE id IN (" + held_list + ")");
  const std::map<int64_t, int64_t> lease_end = IdMicros(db.Value(
      "SELECT string_agg(id || ':' || (extract(epoch FROM lease_expires_at) * 1000000)::bigint, "
      "',') FROM gazelle_backfill.gb_units WHERE id IN (" +
      held_list + ")"));
  ASSERT_EQ(static_cast<int64_t>(lease_end.size()), held) << held_list;
  // `watch` shows every worker.
  const std::string watch = WatchJson(url(), dir_.path());
  for (const char* host : {"machine-a:", "machine-b:", "machine-c:"}) {
    EXPECT_NE(watch.find(host), std::string::npos) << watch;
  }

  // `watch` lists the frozen worker too; now kill -9 it.
  workers[1]->Kill9();

  // The survivors take the units over, each after its lease expired, never
  // before. clock_timestamp() is read after the query's snapshot, so it is
  // later than the commit of the claim that the snapshot shows.
  std::map<int64_t, int64_t> taken_at;
  while (workers[0]->Running() || workers[2]->Running()) {
    for (const auto& [id, at] : IdMicros(db.Value(
             "SELECT string_agg(id || ':' || (extract(epoch FROM clock_timestamp()) * 1000000)"
             "::bigint, ',') FROM gazelle_backfill.gb_units WHERE id IN (" +
             held_list + ") AND (lease_owner IS NULL OR lease_owner NOT LIKE 'machine-b:%')"))) {
      taken_at.emplace(id, at);
    }
    std::this_thread::sleep_for(50ms);
  }
  for (int i : {0, 2}) {
    ChildExit end = workers[i]->Wait();
    EXPECT_EQ(end.exit_code, ToInt(ExitCode::kOk)) << end.output;
  }
  ASSERT_FALSE(taken_at.empty()) << "the dead worker's units were never taken over";
  int64_t earliest_margin_us = INT64_MAX;
  for (const auto& [id, at] : taken_at) {
    EXPECT_GE(at, lease_end.at(id)) << "unit " << id << " taken over before its lease expired";
    earliest_margin_us = std::min(earliest_margin_us, at - lease_end.at(id));
  }

  ExpectExactLoad(db, truth);
  EXPECT_EQ(db.Int("SELECT count(*) FROM gazelle_backfill.gb_units WHERE id IN (" + held_list +
                   ") AND state = 'done'"),
            held)
      << "the dead worker's units are finished by the others";
  EXPECT_EQ(db.Int("SELECT count(*) FROM gazelle_backfill.gb_runs"), 1)
      << "one run, joined by every worker";
  EXPECT_EQ(db.Int("SELECT count(*) FROM gazelle_backfill.gb_workers"), 3);
  // Split finely enough for 8 streams: heavy types in time pieces, and every
  // unit swept exactly what the plan counted for it.
  const int64_t units = db.Int("SELECT count(*) FROM gazelle_backfill.gb_units" + InRun(db));
  EXPECT_GT(units, 28) << "no heavy type was split";
  EXPECT_EQ(db.Int("SELECT count(*) FROM gazelle_backfill.gb_units" + InRun(db) +
                   " AND fetched <> (spec->>'expected')::bigint"),
            0);
  std::cout << "[figures] scale-out: 3 workers, " << units << " units, machine-b killed holding "
            << held << " unit(s) (" << held_list << "); first taken over "
            << earliest_margin_us / 1000 << " ms after its lease ended; " << TotalRows(db)
            << " rows, " << Duplicates(db) << " duplicates\n";
}

}  // namespace
}  // namespace gb::test
