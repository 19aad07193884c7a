// `watch` end to end, against a real run of the loader on the simulator:
// in a real pseudo-terminal (tmux), as --check / --json, and the web page of
// `run --http` loaded in headless Chromium.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>

#include "integration/loader_fixture.h"

namespace gb::test {
namespace {

using namespace std::chrono_literals;

struct Shell {
  int code = -1;
  std::string output;
};

// Runs a shell command, stdout and stderr together.
Shell Sh(const std::string& command) {
  Shell r;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Polls `probe` every 250 ms until it returns true or `limit` passes.
template <class F>
bool Eventually(std::chrono::milliseconds limit, F probe) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (probe()) return true;
    std::this_thread::sleep_for(250ms);
  }
  return probe();
}

class WatchLiveTest : public LoaderTest {
 protected:
  std::string Watch(const std::string& args) {
    return std::string(GB_BINARY) + " watch --db " + SqliteUrl() + " " + args;
  }
  // A slow run (one stream, 300 ms per page) so that a watcher sees it move.
  std::unique_ptr<LoaderProcess> StartSlowRun(std::vector<std::string> extra = {}) {
    extra.insert(extra.begin(), {"--concurrency", "1", "--batch-size", "100"});
    return std::make_unique<LoaderProcess>(RunArgs(SqliteUrl(), "2023-2024", extra), Env(),
                                           dir_.path());
  }
};

// The "Total" row's loaded count in a captured frame (-1 when absent).
int64_t TotalLoaded(const std::string& frame) {
  std::smatch m;
  static const std::regex total(R"(this run: ([0-9,]+) of)");
  if (!std::regex_search(frame, m, total)) return -1;
  std::string digits;
  for (char c : m[1].str()) {
    if (c != ',') digits += c;
  }
  return std::stoll(digits);
}

class Tmux {
 public:
  Tmux(const std::string& name, const std::string& command) : name_(name) {
    Sh("tmux kill-session -t " + name_);
    started_ = Sh("tmux new-session -d -s " + name_ + " -x 150 -y 45 '" + command + "'").code == 0;
  }
  ~Tmux() { Sh("tmux kill-session -t " + name_); }
  bool started() const { return started_; }
  std::string Capture() { return Sh("tmux capture-pane -p -t " + name_).output; }

 private:
  std::string name_;
  bool started_ = false;
};

TEST_F(WatchLiveTest, TerminalFramesMoveThenStallUnderStopThenDone) {
  StartSim({"--latency-ms", "300"}, 0.05);
  auto run = StartSlowRun();
  Tmux tmux("gbwatch" + std::to_string(getpid()), Watch("--interval 1"));
  ASSERT_TRUE(tmux.started());
  std::string first;
  ASSERT_TRUE(Eventually(60s, [&] {
    first = tmux.Capture();
    return TotalLoaded(first) > 0;
  })) << first;
  EXPECT_NE(first.find("gazelle-backfill watch"), std::string::npos) << first;
  std::string later;
  EXPECT_TRUE(Eventually(20s,
                         [&] {
                           later = tmux.Capture();
                           return TotalLoaded(later) > TotalLoaded(first);
                         }))
      << "the numbers must change between frames\n"
      << first << "\n----\n"
      << later;
  EXPECT_EQ(later.find("\x1b"), std::string::npos);  // capture-pane shows text, not codes

  kill(run->pid(), SIGSTOP);
  std::string stalled;
  // Two intervals (1 s) but never under two heartbeats (2 s) + 1 s: 5 s, plus
  // the heartbeat period and one refresh.
  bool seen = Eventually(9s, [&] {
    stalled = tmux.Capture();
    return stalled.find("stalled — no heartbeat for") != std::string::npos;
  });
  kill(run->pid(), SIGCONT);
  EXPECT_TRUE(seen) << stalled;
  EXPECT_NE(stalled.find("2024"), std::string::npos) << stalled;

  ChildExit end = run->Wait(240s);
  ASSERT_EQ(end.exit_code, 0) << end.output;
  std::string done;
  EXPECT_TRUE(Eventually(10s, [&] {
    done = tmux.Capture();
    return done.find("Status: done") != std::string::npos;
  })) << done;
}

TEST_F(WatchLiveTest, CheckAndJsonBeforeAndAfterARun) {
  StartSim();
  Shell none = Sh(Watch("--check"));
  EXPECT_EQ(none.code, 14) << none.output;
  EXPECT_NE(none.output.find("no database yet"), std::string::npos) << none.output;

  ChildExit end = Run(RunArgs(SqliteUrl(), "2023-2024"));
  ASSERT_EQ(end.exit_code, 0) << end.output;
  Shell ok = Sh(Watch("--check"));
  EXPECT_EQ(ok.code, 0) << ok.output;
  EXPECT_EQ(ok.output.rfind("done: run #1", 0), 0u) << ok.output;

  Shell json = Sh(Watch("--json --once"));
  ASSERT_EQ(json.code, 0) << json.output;
  auto doc = nlohmann::json::parse(json.output);
  EXPECT_EQ(doc["status"]["state"], "done");
  EXPECT_EQ(doc["years"].size(), 2u);
  EXPECT_EQ(doc["total"]["done"], doc["total"]["expected"]);
  EXPECT_GT(doc["total"]["expected"].get<int64_t>(), 0);
  for (const char* key : {"time", "destination", "run", "total", "latest", "workers", "history"}) {
    EXPECT_TRUE(doc.contains(key)) << key;
  }
}

// The page served by the loader itself, loaded twice by headless Chromium.
TEST_F(WatchLiveTest, PageInChromiumShowsGrowingTotalsAndAChart) {
  StartSim({"--latency-ms", "300"}, 0.1);
  auto run = StartSlowRun({"--http", "127.0.0.1:0"});
  std::smatch m;
  std::string url;
  ASSERT_TRUE(Eventually(30s, [&] {
    std::string out = run->Output();
    static const std::regex page(R"(Dashboard page: (http://127\.0\.0\.1:[0-9]+/))");
    if (!std::regex_search(out, m, page)) return false;
    url = m[1];
    return true;
  })) << run->Output();
  // Chromium is asked only once rows are committed, so "increase" means something.
  ASSERT_TRUE(Eventually(60s, [&] {
    auto doc = nlohmann::json::parse(Sh("curl -s " + url + "status.json").output, nullptr, false);
    return !doc.is_discarded() && doc["total"]["done"].get<int64_t>() > 0;
  })) << run->Output();
  TempDir profile("gb-chromium-");
  std::string chromium =
      "/usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--user-data-dir=" +
      profile.path() + " --virtual-time-budget=4000 ";
  auto total = [](const std::string& dom) -> int64_t {
    std::smatch v;
    static const std::regex done(R"re(id="total-done" data-value="([0-9]+)")re");
    return std::regex_search(dom, v, done) ? std::stoll(v[1]) : -1;
  };
  Shell first = Sh(chromium + "--dump-dom " + url);
  ASSERT_GE(total(first.output), 0) << first.output;
  std::this_thread::sleep_for(3s);
  Shell second = Sh(chromium + "--dump-dom " + url);
  EXPECT_GT(total(second.output), total(first.output)) << second.output;
  std::smatch p;
  ASSERT_TRUE(std::regex_search(second.output, p, std::regex(R"re(data-points="([0-9]+)")re")))
      << second.output;
  EXPECT_GE(std::stoi(p[1]), 2) << "the chart has points";
  EXPECT_NE(second.output.find("<polyline id=\"chart-total\" class=\"total\" points=\"0"),
            std::string::npos)
      << second.output;
  Sh(chromium + "--window-size=1200,1000 --screenshot=" + std::string(GB_BUILD_DIR) +
     "/watch-page.png " + url);
  EXPECT_EQ(Sh("test -s " + std::string(GB_BUILD_DIR) + "/watch-page.png").code, 0);
  auto metrics = Sh("curl -s " + url + "metrics");
  EXPECT_NE(metrics.output.find("gazelle_backfill_api_retries_total"), std::string::npos)
      << metrics.output;
}

}  // namespace
}  // namespace gb::test
