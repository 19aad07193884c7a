// `gazelle-backfill watch`: the live dashboard, reading only the destination
// database, from any terminal. One HealthSampler folds a sample per interval;
// the frame (terminal), the JSON line (--json), the one-line check (--check)
// and the web page (--http) are all views of its Health.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/command.h"
#include "cli/duration_flag.h"
#include "cli/load_runner.h"
#include "cli/run_flags.h"
#include "cli/stop_signal.h"
#include "cli/year_range.h"
#include "core/exit_status.h"
#include "monitor/dashboard.h"
#include "monitor/dashboard_screen.h"
#include "monitor/format.h"
#include "monitor/http_dashboard.h"
#include "monitor/i18n.h"
#include "monitor/metrics.h"
#include "monitor/run_health_check.h"
#include "monitor/run_health_sampler.h"
#include "monitor/status_json.h"

namespace gb::cli {
namespace {

constexpr int kMaxIntervalS = 3600;  // --interval, seconds

struct WatchFlags {
  std::string db;
  std::vector<std::string> years;
  int interval = 3;
  bool once = false;
  bool json = false;
  bool check = false;
  std::string http;
  std::string stale_after;  // durations (cli/duration_flag.h)
  std::string max_lag;
};

// Sleeps `period` in small steps so Ctrl+C ends the wait at once.
void Wait(std::chrono::milliseconds period, const std::atomic<bool>& stop) {
  auto end = std::chrono::steady_clock::now() + period;
  while (!stop && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

int JsonLoop(HealthSampler& sampler, const WatchFlags& f, std::chrono::milliseconds period,
             const std::atomic<bool>& stop) {
  while (true) {
    std::cout << FormatStatusJson(sampler.Sample()) << std::endl;
    if (f.once || stop) return ToInt(ExitCode::kOk);
    Wait(period, stop);
    if (stop) return ToInt(ExitCode::kOk);
  }
}

int ScreenLoop(HealthSampler& sampler, const WatchFlags& f, std::chrono::milliseconds period,
               const std::atomic<bool>& stop) {
  auto terminal = Terminal::ForStdout();
  TerminalCaps caps{terminal->smart(), terminal->color()};
  if (f.once) {
    std::cout << RenderDashboardText(sampler.Sample(), terminal->Width(), 1000, *terminal);
    return ToInt(ExitCode::kOk);
  }
  // Serving the page from a pipe or a service: the page is the view, no frames.
  bool draw = caps.smart || f.http.empty();
  DashboardScreen screen(std::cout, caps);
  screen.Enter();
  while (!stop) {
    Health h = sampler.Sample();
    int rows = caps.smart ? DashboardScreen::StdoutRows() : 1000;
    if (draw) screen.Draw(RenderDashboard(h, terminal->Width(), rows, *terminal));
    Wait(period, stop);
  }
  screen.Leave();
  std::cout << FormatWatchSummary(sampler.Current()) << std::flush;
  return ToInt(ExitCode::kOk);
}

std::unique_ptr<HttpDashboard> ServePage(HealthSampler& sampler, const WatchFlags& f,
                                         int* exit_code) {
  auto server = std::make_unique<HttpDashboard>(
      HttpContent{[&sampler] { return FormatStatusJson(sampler.Current()); },
                  [&sampler] { return FormatMetrics(sampler.Current(), std::nullopt); }});
  if (auto s = server->Start(f.http); !s) {
    PrintError(s.error().message);
    *exit_code = ToInt(ExitCode::kUsage);
    return nullptr;
  }
  // On stderr so that --json keeps stdout for JSON only.
  std::cerr << TrFormat("Dashboard page: {}", server->Url()) << std::endl;
  return server;
}

Result<HealthOptions> ResolveOptions(const WatchFlags& f) {
  HealthOptions options;
  if (f.interval < 1 || f.interval > kMaxIntervalS) {
    return Fail(ErrorKind::kConfig, TrFormat("--interval must be between 1 and {} seconds",
                                             FormatCount(kMaxIntervalS)));
  }
  options.interval = std::chrono::seconds(f.interval);
  if (!f.years.empty()) {
    auto years = ParseYears(f.years);
    if (!years) return tl::unexpected(years.error());
    options.years = *years;
    std::sort(options.years.rbegin(), options.years.rend());
  }
  if (!f.stale_after.empty()) {
    auto after = ParseDurationFlag("--stale-after", f.stale_after);
    if (!after) return tl::unexpected(after.error());
    options.freshness.stale_after = *after;
  }
  if (!f.max_lag.empty()) {
    auto lag = ParseDurationFlag("--max-lag", f.max_lag);
    if (!lag) return tl::unexpected(lag.error());
    options.freshness.max_lag = *lag;
  }
  return options;
}

int Execute(const WatchFlags& f) {
  auto options = ResolveOptions(f);
  if (!options) {
    PrintError(options.error().message);
    return ToInt(ExitCode::kUsage);
  }
  auto database = ParseDbFlag(f.db, ProcessEnv());
  if (!database) {
    PrintError(database.error().message);
    return ToInt(ExitCode::kUsage);
  }
  HealthSampler sampler((*database)->OpenStatusReader(), *options, SystemClock::Instance());
  if (f.check) {
    Health h = sampler.Sample();
    std::cout << FormatCheckLine(h) << std::endl;
    return ToInt(CheckExitCode(h));
  }
  int exit_code = 0;
  std::unique_ptr<HttpDashboard> server;
  if (!f.http.empty() && !(server = ServePage(sampler, f, &exit_code))) return exit_code;
  // The page promises an update at least every 2 s, whatever --interval says.
  auto period = std::chrono::milliseconds(f.http.empty() ? f.interval * 1000
                                                         : std::min(f.interval * 1000, 1000));
  const auto& stop = InstallStopHandlers();
  return f.json ? JsonLoop(sampler, f, period, stop) : ScreenLoop(sampler, f, period, stop);
}

}  // namespace

void RegisterWatchCommand(CLI::App& app, Action* chosen) {
  auto* cmd = app.add_subcommand(
      "watch", Tr("Live dashboard of a run, from any terminal, reading only the database."));
  auto f = std::make_shared<WatchFlags>();
  cmd->add_option("--db", f->db,
                  Tr("Destination: sqlite:PATH, a path, or postgresql://… (default $DATABASE_URL, "
                     "else sqlite:gazelle.db)"));
  cmd->add_option("--years", f->years, Tr("Years to show: 2016-2025, 2024, or 2016,2018"))
      ->type_name("YEARS");
  cmd->add_option("--interval", f->interval, Tr("Seconds between refreshes"))
      ->capture_default_str();
  cmd->add_flag("--once", f->once, Tr("Print one frame (or one JSON document) and exit"));
  cmd->add_flag("--json", f->json, Tr("One JSON document per interval (docs/watch-json.md)"));
  cmd->add_flag(
      "--check", f->check,
      TrFormat("Print one line and exit: {} healthy or done, {} slow, {} stalled, {} "
               "failed, {} rejects, {} no run, {} stale",
               ToInt(ExitCode::kOk), ToInt(ExitCode::kCheckSlow), ToInt(ExitCode::kCheckStalled),
               ToInt(ExitCode::kCheckFailed), ToInt(ExitCode::kCheckRejects),
               ToInt(ExitCode::kCheckNoRun), ToInt(ExitCode::kCheckStale)));
  cmd->add_option("--stale-after", f->stale_after,
                  Tr("Stale (--check) when the last run or sync that ended well is older than "
                     "this (e.g. 26h for a daily timer); a late sync --every is stale anyway"))
      ->type_name("DURATION");
  cmd->add_option("--max-lag", f->max_lag,
                  Tr("Stale (--check) when the newest entry stored is older than this (e.g. 3d)"))
      ->type_name("DURATION");
  cmd->add_option("--http", f->http,
                  Tr("Also serve the page, /status.json and /metrics on ADDRESS (e.g. "
                     "127.0.0.1:8080)"))
      ->type_name("ADDRESS");
  cmd->callback([chosen, f] { *chosen = [f] { return Execute(*f); }; });
}

}  // namespace gb::cli
