// `run` and `demo` through the real binary: exit codes, messages, and what
// each progress mode writes when stdout is not a terminal (a file here).
// The line mode on a real pseudo-terminal belongs to tests/integration.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/temp_dir.h"

namespace gb::cli {
namespace {

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs the shell command `what` in `dir` without the destination and API
// variables of the environment, stdout and stderr to files.
Outcome RunShell(const test::TempDir& dir, const std::string& what) {
  std::string command = "cd " + dir.path() + " && env -u DATABASE_URL -u GAZELLE_API_URL " + what +
                        " >" + dir.File("out") + " 2>" + dir.File("err");
  int status = std::system(command.c_str());
  Outcome o;
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = Slurp(dir.File("out"));
  o.err = Slurp(dir.File("err"));
  return o;
}

// Runs the binary with `args` (shell words) in `dir`.
Outcome Invoke(const test::TempDir& dir, const std::string& args) {
  return RunShell(dir, std::string(GB_BINARY) + " " + args);
}

// Runs the shell script `script` (a file of `dir`) there, as a user's shell would.
Outcome InvokeScript(const test::TempDir& dir, const std::string& script) {
  return RunShell(dir, "sh " + script);
}

bool HasEscape(const std::string& s) {
  return s.find('\x1b') != std::string::npos || s.find('\r') != std::string::npos;
}

// A small export of the simulator's dataset (2016-2026), for --from-file.
std::string Dump(const test::TempDir& dir) {
  Outcome o = Invoke(dir, "sim dump --scale 0.005 --jsonl dump.jsonl");
  EXPECT_EQ(o.exit_code, 0) << o.err;
  return dir.File("dump.jsonl");
}

TEST(RunCommand, BadYearIsAUsageErrorThatSaysWhatToWrite) {
  test::TempDir dir;
  Outcome o = Invoke(dir, "run --years 20x6");
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("error: --years: '20x6' is not a year"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("2016-2025"), std::string::npos) << o.err;
  EXPECT_EQ(o.out, "");
}

TEST(RunCommand, BadDatabaseUrlIsAUsageErrorWithoutThePassword) {
  test::TempDir dir;
  Outcome o = Invoke(dir, "run --years 2024 --db mysql://root:hunter2@db/x");
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("not supported"), std::string::npos) << o.err;
  EXPECT_EQ((o.err + o.out).find("hunter2"), std::string::npos);
}

TEST(RunCommand, BadFlagsAreUsageErrors) {
  test::TempDir dir;
  EXPECT_EQ(Invoke(dir, "run --years 2024 --progress bar").exit_code, 2);
  EXPECT_EQ(Invoke(dir, "run --years 2024 --api ftp://x").exit_code, 2);
  EXPECT_EQ(Invoke(dir, "run --years 2024 --batch-size 0").exit_code, 2);
  EXPECT_EQ(Invoke(dir, "run --years 2024 --no-such-flag").exit_code, 2);
  EXPECT_EQ(Invoke(dir, "run --start-year 20x6").exit_code, 2);
}

TEST(RunCommand, MissingTokenFileIsAnAuthErrorSayingWhatToDo) {
  test::TempDir dir;
  Outcome o = Invoke(dir, "run --years 2024 --api http://127.0.0.1:9 --token-file nowhere.json");
  EXPECT_EQ(o.exit_code, 5) << o.out << o.err;
  EXPECT_NE(o.err.find("nowhere.json"), std::string::npos) << o.err;
}

TEST(RunCommand, JsonProgressIsOneObjectPerLine) {
  test::TempDir dir;
  std::string dump = Dump(dir);
  Outcome o = Invoke(
      dir, "run --years 2016-2026 --from-file " + dump + " --db sqlite:json.db --progress json");
  ASSERT_EQ(o.exit_code, 0) << o.err;
  std::istringstream lines(o.out);
  std::vector<nlohmann::json> events;
  for (std::string line; std::getline(lines, line);) {
    ASSERT_TRUE(nlohmann::json::accept(line)) << line;
    events.push_back(nlohmann::json::parse(line));
  }
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events.front()["event"], "run_started");
  EXPECT_EQ(events.back()["event"], "run_finished");
  EXPECT_EQ(events.back()["state"], "done");
  const auto& progress = events.back()["progress"];
  EXPECT_GT(progress["expected"].get<int64_t>(), 0);
  EXPECT_EQ(progress["done"], progress["expected"]);
}

TEST(RunCommand, LogModeThenAlreadyCompleteWithoutEscapeCodes) {
  test::TempDir dir;
  std::string dump = Dump(dir);
  std::string args = "run --years 2016-2026 --from-file " + dump + " --db sqlite:log.db";
  Outcome first = Invoke(dir, args);  // auto + a file = log mode
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_FALSE(HasEscape(first.out));
  EXPECT_NE(first.out.find("Run 1 started"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("Batch 1/"), std::string::npos);
  EXPECT_NE(first.out.find("| Entries 1–"), std::string::npos);
  EXPECT_NE(first.out.find("Year     Expected"), std::string::npos);
  EXPECT_NE(first.out.find("\nTotal "), std::string::npos);
  EXPECT_NE(first.out.find("100%\n"), std::string::npos);

  Outcome second = Invoke(dir, args + " --progress line");  // plain whole lines on a file
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_FALSE(HasEscape(second.out));
  EXPECT_EQ(second.out.find("Batch 1/"), std::string::npos) << second.out;  // nothing loaded again
}

TEST(DemoCommand, LoadsTheSimulatorAndEndsOnWhatToDoNext) {
  test::TempDir dir;
  Outcome o = Invoke(dir, "demo --scale 0.005 --latency-ms 0 --db sqlite:demo.db --progress log");
  ASSERT_EQ(o.exit_code, 0) << o.out << o.err;
  EXPECT_FALSE(HasEscape(o.out));
  EXPECT_NE(o.out.find("Simulated Gazelle API at http://127.0.0.1:"), std::string::npos);
  EXPECT_NE(o.out.find("\nTotal "), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("gazelle-backfill watch --db sqlite:demo.db"), std::string::npos);
  EXPECT_NE(o.out.find("gazelle-backfill verify --db sqlite:demo.db"), std::string::npos);
}

// The command lines the demo ends on (indented four spaces), in order.
std::vector<std::string> PrintedCommands(const std::string& out) {
  std::vector<std::string> lines;
  std::istringstream in(out.substr(out.find("\nNext:")));
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("    ")) lines.push_back(line.substr(4));
  }
  return lines;
}

// What the demo prints to do next works when pasted into a shell as printed:
// watch shows the demo's run (until interrupted), the simulator + verify
// block verifies it and stops the simulator.
TEST(DemoCommand, TheCommandsItEndsOnWorkWhenPastedAsPrinted) {
  test::TempDir dir;
  Outcome o = Invoke(dir,
                     "demo --scale 0.005 --latency-ms 0 --rps-limit 0 --db sqlite:demo.db "
                     "--progress log");
  ASSERT_EQ(o.exit_code, 0) << o.out << o.err;
  std::vector<std::string> lines = PrintedCommands(o.out);
  ASSERT_EQ(lines.size(), 6u) << o.out;
  ASSERT_NE(lines[0].find(" watch --db sqlite:demo.db"), std::string::npos) << lines[0];
  // The binary as this shell finds it: the test's binary lies outside the directory.
  EXPECT_TRUE(lines[0].starts_with(std::string(GB_BINARY) + " ")) << lines[0];

  std::ofstream(dir.File("watch.sh")) << "timeout -s INT 3 " << lines[0] << "\n";
  Outcome watch = InvokeScript(dir, "watch.sh");
  EXPECT_NE(watch.out.find("100%"), std::string::npos) << watch.out << watch.err;

  std::ofstream script(dir.File("verify.sh"));
  for (size_t i = 1; i <= 4; ++i) script << lines[i] << "\n";
  script.close();
  ASSERT_NE(lines[3].find(" verify --db sqlite:demo.db"), std::string::npos) << lines[3];
  ASSERT_EQ(lines[4], "kill $!");
  Outcome verify = InvokeScript(dir, "verify.sh");
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;  // kill's: the simulator was there
  EXPECT_NE(verify.out.find("Everything matches."), std::string::npos) << verify.out << verify.err;
  EXPECT_NE(lines[5].find(" run --years 2016-2025 --db postgresql://"), std::string::npos);
}

}  // namespace
}  // namespace gb::cli
