// `run --profile` through the real binary: a small load from a simulator dump
// ends with where the time went, per stage; without the flag it does not.
#include <gtest/gtest.h>

#include "integration/loader_process.h"
#include "support/temp_dir.h"

namespace gb::cli {
namespace {

class RunProfileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::ChildExit dump = test::RunLoader(
        {"sim", "dump", "--jsonl", dir_.File("d.jsonl"), "--scale", "0.005"}, {}, dir_.path());
    ASSERT_EQ(dump.exit_code, 0) << dump.output;
  }

  test::ChildExit Load(const std::string& db, bool profile) {
    std::vector<std::string> args = {
        "run",     "--from-file", dir_.File("d.jsonl"), "--db", "sqlite:" + dir_.File(db),
        "--years", "2016-2026",   "--progress",         "quiet"};
    if (profile) args.push_back("--profile");
    return test::RunLoader(args, {}, dir_.path());
  }

  test::TempDir dir_{"gb-profile-"};
};

TEST_F(RunProfileTest, PrintsEveryStageWithItsShareAndTheBottleneck) {
  test::ChildExit run = Load("p.db", true);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string& out = run.output;
  const size_t head = out.find("Where the time went (");
  ASSERT_NE(head, std::string::npos) << out;
  for (const char* stage : {"waiting on the API", "parsing", "transforming",
                            "waiting for the writer", "database", "waiting for pages"}) {
    EXPECT_NE(out.find(stage, head), std::string::npos) << stage << " missing in:\n" << out;
  }
  EXPECT_NE(out.find("%\n", head), std::string::npos) << out;
  EXPECT_NE(out.find("Bottleneck: ", head), std::string::npos) << out;
}

TEST_F(RunProfileTest, NothingWithoutTheFlag) {
  test::ChildExit run = Load("q.db", false);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("entries"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("Where the time went"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace gb::cli
