// Fewer, bigger pages (issue 15): a run asked for 500 entries a page follows
// what the API gives. Against a simulator that caps pages silently, and whose
// cap changes while the run loads (100, then 250, then none), every entry is
// loaded once; against one that refuses a page larger than its maximum, the
// run asks 100 from then on and still ends exact. Each says so in the log.
#include <chrono>
#include <thread>

#include "core/exit_code.h"
#include "integration/loader_fixture.h"

namespace gb::test {
namespace {

class PageSizeTest : public LoaderTest {
 protected:
  // Waits while the loader runs until the simulator served `entries` entries.
  bool WaitServed(LoaderProcess& child, int64_t entries) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (sim_->Stat("entries_served") < entries) {
      if (!child.Running() || std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
  }
};

TEST_F(PageSizeTest, ACapThatChangesWhileTheRunLoadsLosesAndRepeatsNothing) {
  StartSim({"--max-page-size", "100", "--latency-ms", "20"}, 0.05);
  const std::vector<int> years = {2023, 2024, 2025};
  const SimTruth truth = Truth(years);
  const int64_t served_before = sim_->Stat("entries_served");
  LoaderProcess child(RunArgs(url(), "2023-2025", {"--concurrency", "4", "--page-size", "500"}),
                      Env(), dir_.path());
  ASSERT_TRUE(WaitServed(child, served_before + truth.fetched / 4)) << child.Output();
  ASSERT_TRUE(sim_->SetFaults(R"({"max_page_size": 250})"));
  const bool still_running = WaitServed(child, served_before + truth.fetched / 2);
  ASSERT_TRUE(sim_->SetFaults(R"({"max_page_size": 0})"));
  ChildExit run = child.Wait();
  ASSERT_EQ(run.exit_code, ToInt(ExitCode::kOk)) << run.output;
  EXPECT_TRUE(still_running) << "the run ended before the cap changed twice";
  PgProbe db(this->db());
  ExpectExactLoad(db, truth);
  EXPECT_NE(run.output.find("Page size: asked 500, the API gives at most 100 entries per page"),
            std::string::npos)
      << run.output;
  EXPECT_EQ(db.Int("SELECT count(*) - count(DISTINCT external_id) FROM gazelle_timeline_entries"),
            0);
}

TEST_F(PageSizeTest, APageSizeTheApiRefusesIsAskedAgainAtTheNorm) {
  StartSim({"--max-page-size", "200", "--max-page-size-refuses"});
  const std::vector<int> years = {2023, 2024};
  const SimTruth truth = Truth(years);
  ChildExit run = Run(RunArgs(SqliteUrl(), "2023-2024", {"--page-size", "500"}));
  ASSERT_EQ(run.exit_code, ToInt(ExitCode::kOk)) << run.output;
  SqliteProbe db(dir_.File("dest.db"));
  ExpectExactLoad(db, truth);
  EXPECT_NE(run.output.find("Page size: the API refused pages of 500"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("must be at most 200"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("asking 100 from now on"), std::string::npos) << run.output;
  // Asked at 100 it answers: a size it honours is kept (--page-size 200 is never refused).
  ChildExit exact = Run(RunArgs(SqliteUrl("exact.db"), "2023-2024", {"--page-size", "200"}));
  ASSERT_EQ(exact.exit_code, ToInt(ExitCode::kOk)) << exact.output;
  EXPECT_EQ(exact.output.find("Page size:"), std::string::npos) << exact.output;
}

// The other streams' connections learn their own page size: refused at 500,
// each asks 100 from then on and loads every object.
TEST_F(PageSizeTest, AnotherStreamsRefusedPageSizeIsAskedAgainAtTheNorm) {
  StartSim({"--max-page-size", "200", "--max-page-size-refuses"});
  ChildExit run =
      Run(RunArgs(SqliteUrl(), "2024", {"--page-size", "500", "--streams", "clients,pianos"}));
  ASSERT_EQ(run.exit_code, ToInt(ExitCode::kOk)) << run.output;
  for (const char* name : {"clients", "pianos"}) {
    EXPECT_NE(
        run.output.find(std::string("Page size of ") + name + ": the API refused pages of 500"),
        std::string::npos)
        << run.output;
  }
  SimAsker asker(sim_->url(), token_file_, sim_->client_id(), sim_->client_secret());
  SqliteProbe db(dir_.File("dest.db"));
  EXPECT_EQ(db.Int("SELECT count(*) FROM gazelle_clients"), asker.TotalOf("allClients"));
  EXPECT_EQ(db.Int("SELECT count(*) FROM gazelle_pianos"), asker.TotalOf("allPianos"));
}

}  // namespace
}  // namespace gb::test
