// The loader process itself: kill -9 at random moments, SIGTERM and Ctrl+C
// (a clean stop at a batch boundary, exit 4, saying how to resume), frozen by
// SIGSTOP, and two processes started on the same run by mistake.
#include <signal.h>

#include <random>

#include "reliability/reliability_fixture.h"

namespace gb::test {
namespace {

using namespace std::chrono_literals;

class ProcessFaultsTest : public ReliabilityTest {};
class ProcessFaultsTestFull : public ProcessFaultsTest,
                              public ::testing::WithParamInterface<int> {};

// N kills (3 fast, 20 full), each at a random amount of committed progress
// plus a random delay, so kills land inside transactions, between fetch and
// write, and between batches; then the same command finishes the job.
TEST_F(ProcessFaultsTest, KillNineAtRandomMoments) {
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  const int kills = FullMatrix() ? 20 : 3;
  std::random_device seed_source;
  const unsigned seed = seed_source();
  SCOPED_TRACE("random seed " + std::to_string(seed));
  std::mt19937 random(seed);
  int runs = 0, done_kills = 0;
  std::string watch = "not measured";
  for (int i = 0; i < kills; ++i) {
    const int64_t before = Committed(db);
    const int64_t step = std::max<int64_t>(1, (truth_.fetched - before) / (kills - i + 1));
    const int64_t target = before + std::uniform_int_distribution<int64_t>(1, step)(random);
    LoaderProcess child(args, Env(), dir_.path());
    ++runs;
    if (!WaitCommitted(child, db, target)) continue;  // it finished first
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 40)(random)));
    child.Kill9();
    ++done_kills;
    if (i == 0) watch = TimeForWatch(url(), IsStalled);
  }
  EXPECT_GE(done_kills, kills - 1) << "the loader finished before it could be killed";
  ChildExit last = Run(args);
  ++runs;
  EXPECT_EQ(last.exit_code, ToInt(ExitCode::kOk)) << last.output;
  Record(fmt::format("SIGKILL at {} random moments", done_kills), db, runs,
         last.exit_code == ToInt(ExitCode::kOk), watch);
}

// SIGTERM / SIGINT: the batches in flight are committed, the run is marked
// stopped, the message says how to resume, exit 4; the rerun finishes.
class SignalStopTest : public ReliabilityTest, public ::testing::WithParamInterface<int> {};

TEST_P(SignalStopTest, StopsAtABatchBoundarySayingHowToResume) {
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  auto child = StartMidRun(args);
  ASSERT_TRUE(child);
  child->Signal(GetParam());
  ChildExit stopped = child->Wait(60s);
  EXPECT_EQ(stopped.exit_code, ToInt(ExitCode::kStopped)) << stopped.output;
  EXPECT_NE(stopped.output.find("rerun the same command"), std::string::npos) << stopped.output;
  // Nothing half-written: the rows are exactly what the counters say.
  const int64_t run = LatestRunId(db);
  int64_t rows = 0;
  for (int year : years_) rows += RowsInYear(db, year);
  YearCounters c = CountersOf(db, run, std::nullopt);
  EXPECT_EQ(c.sum(), Committed(db));
  EXPECT_EQ(c.inserted + c.repaired, rows) << "every row in the table is counted, once";
  const std::string watch = TimeForWatch(url(), Says("stopped"));
  int runs = 1;
  const bool ended = RerunToEnd(args, &runs);
  Record(GetParam() == SIGTERM ? "SIGTERM (clean stop, exit 4)" : "SIGINT / Ctrl+C (exit 4)", db,
         runs, ended, watch);
}

std::vector<int> StopSignals() {
  if (FullMatrix()) return {SIGTERM, SIGINT};
  return {SIGTERM};
}

INSTANTIATE_TEST_SUITE_P(Signals, SignalStopTest, ::testing::ValuesIn(StopSignals()),
                         [](const auto& info) {
                           return info.param == SIGTERM ? "Sigterm" : "Sigint";
                         });

// A frozen loader (SIGSTOP): watch says stalled; once thawed it finishes alone.
TEST_P(ProcessFaultsTestFull, FrozenBySigstop) {
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  auto child = StartMidRun(args);
  ASSERT_TRUE(child);
  child->Signal(SIGSTOP);
  const std::string watch = TimeForWatch(url(), IsStalled);
  child->Signal(SIGCONT);
  int runs = 1;
  const bool ended = FinishWithReruns(*child, args, &runs);
  EXPECT_EQ(runs, 1) << "a thawed loader finishes by itself";
  Record("SIGSTOP (frozen loader), then SIGCONT", db, runs, ended, watch);
}

// Two processes started with the same command by mistake: they join one run
// and share its units; nothing is loaded or counted twice.
TEST_F(ProcessFaultsTest, TwoRunsStartedByMistake) {
  StartFaultSim();
  PgProbe db(this->db());
  const auto args = Args(url());
  LoaderProcess first(args, Env(), dir_.path());
  LoaderProcess second(args, Env(), dir_.path());
  std::string watch = "not seen";
  const auto start = std::chrono::steady_clock::now();
  if (WaitUntil(60s, [&] {
        return PgTableExists(db, "gb_workers") &&
               db.Int(
                   "SELECT count(*) FROM gazelle_backfill.gb_workers WHERE state IN ('running', "
                   "'waiting')") == 2;
      })) {
    const std::string json = WatchJson(url(), dir_.path());
    const auto workers = nlohmann::json::parse(json, nullptr, false);
    if (workers.is_object() && workers.contains("workers") && workers["workers"].size() == 2) {
      watch = fmt::format(
          "{:.1f} s (2 workers)",
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
  }
  int runs = 2;
  const bool ended = FinishWithReruns(first, args, &runs) && FinishWithReruns(second, args, &runs);
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(db.Int("SELECT count(*) FROM gazelle_backfill.gb_runs"), 1) << "both joined one run";
  EXPECT_NE(watch, "not seen");
  Record("two run processes on the same run", db, runs, ended, watch);
}

// Full matrix only (GB_RELIABILITY=full): these faults are also covered by
// tests/integration, or take long.
INSTANTIATE_TEST_SUITE_P(Full, ProcessFaultsTestFull, ::testing::ValuesIn(FullOnly()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ProcessFaultsTestFull);

}  // namespace
}  // namespace gb::test
