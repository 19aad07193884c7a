// Entries arriving at the top and entries deleted there while the streams
// page: the API's offsets move both ways under every sweep (rows presented
// again, rows that would be skipped). Each row is written and counted once:
// per year the counters equal the source's count at the end and never exceed
// the rows stored, nothing the source has is missing, nothing is doubled. A
// row deleted after it was loaded stays (the tool never deletes): the run's
// counters follow the source, and the stored rows keep the deleted one.
#include "reliability/reliability_fixture.h"

namespace gb::test {
namespace {

using namespace std::chrono_literals;

// At 100 rows a page and at 500 (fewer pages: a shift weighs more per page,
// and the run may end before the changes stop).
class ShiftingOffsetsTest : public ReliabilityTest, public ::testing::WithParamInterface<int> {};

TEST_P(ShiftingOffsetsTest, ArrivalsAndDeletionsAtTheTopAreCountedOnce) {
  StartSim({"--latency-ms", "60"}, 0.02);
  PgProbe db(this->db());
  const auto args = RunArgs(
      url(), "2024-2026",
      {"--concurrency", "2", "--batch-size", "100", "--page-size", std::to_string(GetParam())});
  auto child = StartMidRun(args);
  ASSERT_TRUE(child);
  ASSERT_TRUE(sim_->SetFaults(R"({"new_entries_per_second": 20})"));
  for (int i = 0; i < 6 && child->Running(); ++i) {
    std::this_thread::sleep_for(300ms);
    ASSERT_TRUE(sim_->DeleteEntries(3));
  }
  // Still loading when the changes stop, or it ended while entries arrived:
  // then the same command again (a finished run that differs is resumed).
  const bool ran_through = child->Running();
  ASSERT_TRUE(sim_->SetFaults(R"({"new_entries_per_second": 0})"));
  int runs = 1;
  bool ended = FinishWithReruns(*child, args, &runs);
  if (!ran_through) ended = RerunToEnd(args, &runs) && ended;
  EXPECT_GT(sim_->Stat("arrived"), 0);
  EXPECT_GT(sim_->Stat("deleted"), 0);
  truth_ = Truth({2024, 2025, 2026});
  const int64_t run = LatestRunId(db);
  for (const auto& [year, expected] : truth_.per_year) {
    SCOPED_TRACE(year);
    YearCounters c = CountersOf(db, run, year);
    EXPECT_EQ(c.loaded() + c.repaired + c.rejected, expected)
        << "the run's counts are the source's";
    EXPECT_LE(c.loaded() + c.repaired, RowsInYear(db, year)) << "never more than the rows stored";
    EXPECT_GE(RowsInYear(db, year), expected) << "nothing the source has is missing";
  }
  EXPECT_EQ(Duplicates(db), 0);
  ChildExit verify = Run({"verify", "--api", sim_->url(), "--token-file", token_file_, "--db",
                          url(), "--list-missing"});
  EXPECT_EQ(verify.output.find("missing from the destination\n  tme_"), std::string::npos)
      << verify.output;
}

INSTANTIATE_TEST_SUITE_P(PageSizes, ShiftingOffsetsTest, ::testing::Values(100, 500),
                         [](const auto& info) { return "Page" + std::to_string(info.param); });

}  // namespace
}  // namespace gb::test
