// Every number a user reads is the number the code uses: the defaults and
// limits in help and error texts come from their constants, and the figures
// the README and docs state (exit codes, batch size, default address, the
// login's port and timeout, the dump index's block, the watch rate window,
// the demo's dataset size)
// are checked here against their source, so changing one without the other
// fails a test.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "cli/run_flags.h"
#include "cli/token_login.h"
#include "core/entry_types.h"
#include "core/exit_code.h"
#include "integration/verify_test_support.h"
#include "monitor/format.h"
#include "monitor/i18n.h"
#include "monitor/run_health.h"
#include "sim/sim_dataset.h"
#include "source/api_url.h"
#include "source/jsonl_index.h"
#include "support/temp_dir.h"

namespace gb::cli {
namespace {

std::string Read(const std::string& relative) {
  std::ifstream in(std::string(GB_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string English(int64_t n) { return FormatCount(n, EnglishLocale()); }

TEST(StatedNumbersTest, ReadmeExitCodeTableIsTheEnum) {
  const std::string readme = Read("README.md");
  std::map<int, bool> listed;
  static const std::regex row(R"(\n\| ([0-9]+)(?:–([0-9]+))? \|)");
  for (auto it = std::sregex_iterator(readme.begin(), readme.end(), row);
       it != std::sregex_iterator(); ++it) {
    int first = std::stoi((*it)[1]);
    int last = (*it)[2].matched ? std::stoi((*it)[2]) : first;
    for (int code = first; code <= last; ++code) listed[code] = true;
  }
  std::map<int, bool> expected;
  for (ExitCode code : {ExitCode::kOk, ExitCode::kInternal, ExitCode::kUsage,
                        ExitCode::kDoneWithRejects, ExitCode::kStopped, ExitCode::kAuth,
                        ExitCode::kSourceUnreachable, ExitCode::kDestinationUnreachable,
                        ExitCode::kMismatch, ExitCode::kRunConflict, ExitCode::kCheckSlow,
                        ExitCode::kCheckStalled, ExitCode::kCheckFailed, ExitCode::kCheckRejects,
                        ExitCode::kCheckNoRun, ExitCode::kDoctorProblems, ExitCode::kCheckStale}) {
    expected[ToInt(code)] = true;
  }
  EXPECT_EQ(listed, expected);
}

TEST(StatedNumbersTest, ReadmeFiguresAreTheConstants) {
  const std::string readme = Read("README.md");
  EXPECT_NE(readme.find("Rows are committed " + English(kDefaultBatchSize) + " at a time"),
            std::string::npos);
  EXPECT_NE(readme.find(std::string("the default is `") + kDefaultApiUrl + "`"), std::string::npos);
  EXPECT_NE(readme.find("`http://127.0.0.1:" + std::to_string(kDefaultLoginPort) + "/callback`"),
            std::string::npos);
  EXPECT_NE(readme.find("`--timeout` (" + std::to_string(kDefaultLoginTimeoutS) + " s)"),
            std::string::npos);
  EXPECT_NE(
      readme.find("into an " + std::to_string(JsonlIndex::kBlockBytes / 1024) + " KiB-block index"),
      std::string::npos);
  EXPECT_EQ(readme.find("gmb.gazelleapp.io"), std::string::npos);
}

TEST(StatedNumbersTest, WatchJsonDocStatesTheRateWindow) {
  const std::string doc = Read("docs/watch-json.md");
  EXPECT_NE(doc.find("over the sliding window (" +
                     std::to_string(HealthOptions{}.rate_window.count()) + " s)"),
            std::string::npos);
}

TEST(StatedNumbersTest, BatchSizeErrorStatesTheRealDefaultAndLimit) {
  SetCurrentLocale(EnglishLocale());
  RunFlags flags;
  flags.years = {"2024"};
  flags.batch_size = 0;
  auto env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  auto config = ResolveRunFlags(flags, env);
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find(
                "from 1 to " + English(kMaxBatchSize) + " (default " + English(kDefaultBatchSize) +
                ", or " + English(kFarBatchSize) + " for a database " +
                std::to_string(kFarRoundTrip.count()) + " ms or more away)"),
            std::string::npos)
      << config.error().message;
  EXPECT_FALSE(RunFlags{}.batch_size) << "chosen by the loader unless given";
  EXPECT_EQ(RunOptions{}.batch_size, kDefaultBatchSize);
  EXPECT_EQ(BatchSizeFor(kFarRoundTrip), kFarBatchSize);
  EXPECT_EQ(BatchSizeFor(kFarRoundTrip - std::chrono::microseconds(1)), kDefaultBatchSize);
}

TEST(StatedNumbersTest, HelpTextsStateWhatTheCodeHolds) {
  test::TempDir dir("gb-numbers-");
  test::CliResult demo = test::RunCli("demo --help", {}, dir.path());
  EXPECT_NE(demo.output.find("1 = " + English(sim::SimDataset::ScaledTotal(1.0)) + " entries"),
            std::string::npos)
      << demo.output;
  test::CliResult run = test::RunCli("run --help", {}, dir.path());
  EXPECT_NE(run.output.find("old " + std::to_string(kLegacyEntryTypes.size()) + "-value CHECK"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find(kDefaultApiUrl), std::string::npos) << run.output;
  test::CliResult watch = test::RunCli("watch --help", {}, dir.path());
  EXPECT_NE(watch.output.find(std::to_string(ToInt(ExitCode::kCheckNoRun)) + " no run"),
            std::string::npos)
      << watch.output;
}

}  // namespace
}  // namespace gb::cli
