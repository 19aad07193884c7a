// `gazelle-backfill demo`: the newcomer's first command. Starts the Gazelle
// simulator in-process with the pace of the real API (a latency per request
// and a requests-per-second limit answered by 429s), so the live progress
// runs for about a minute; writes a temporary token file for it, runs the real
// loader into sqlite:gazelle-demo.db, and ends on the summary and the
// commands to watch and verify, written to work when pasted as printed.
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <ranges>
#include <string_view>

#include "cli/command.h"
#include "cli/load_runner.h"
#include "cli/run_flags.h"
#include "cli/self_command.h"
#include "cli/stop_signal.h"
#include "cli/year_range.h"
#include "core/exit_code.h"
#include "core/worker_id.h"
#include "monitor/format.h"
#include "monitor/i18n.h"
#include "sim/sim_dataset.h"
#include "sim/sim_server.h"

namespace gb::cli {
namespace {

constexpr const char* kDemoDb = "sqlite:gazelle-demo.db";

// About a minute at the defaults: 56,526 entries at 10 requests/s in pages
// the simulator caps at 100 (a larger --page-size finds the cap, as it would
// on a real server), each answered in 150 ± 75 ms + 1 ms per entry.
struct DemoFlags {
  double scale = 0.2;
  int latency_ms = 150;
  double latency_per_node_ms = 1.0;
  int max_page_size = 100;
  double rps_limit = 10;
  int concurrency = 0;
  uint64_t seed = 1;
  std::string db = kDemoDb;
  std::string progress = "auto";
};

// A private directory for the simulator's token file, removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "gazelle-demo-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void PrintNextSteps(const DemoFlags& f) {
  const std::string self = SelfCommand();
  const std::string token = "/tmp/gazelle-demo-sim-token.json";
  std::cout << '\n'
            << Tr("Next:") << '\n'
            << "  " << Tr("watch it (now or while a run is going; Ctrl-C to leave):") << '\n'
            << "    " << self << " watch --db " << f.db << '\n'
            << "  "
            << Tr("verify it against the same simulated API (started in the background, "
                  "stopped by the last line):")
            << '\n'
            << "    " << self << " sim --scale " << f.scale << " --seed " << f.seed
            << " --port 8700 --token-file " << token << " &\n"
            << "    sleep 2\n"
            << "    " << self << " verify --db " << f.db
            << " --api http://127.0.0.1:8700 --token-file " << token << '\n'
            << "    kill $!\n"
            << "  " << Tr("and the real thing (your own database URL in place of this one):")
            << '\n'
            << "    " << self << " run --years 2016-2025 --db postgresql://user@host/db\n";
}

Result<RunConfig> DemoConfig(const DemoFlags& f, const std::string& api_url) {
  RunFlags flags;
  flags.years = {fmt::format("{}-{}", sim::kFirstYear, sim::kLastYear)};
  flags.db = f.db;
  flags.api = api_url;
  flags.concurrency = f.concurrency;
  flags.progress = f.progress;
  // Each demo starts over (re-reads everything, unchanged rows are not rewritten),
  // so a second demo shows a full run again rather than "already complete".
  flags.restart = true;
  auto empty_env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  return ResolveRunFlags(flags, empty_env);
}

int Execute(const DemoFlags& f) {
  sim::SimOptions options;
  options.seed = f.seed;
  options.scale = f.scale;
  options.faults.latency_ms = f.latency_ms;
  options.faults.latency_jitter_ms = f.latency_ms / 2;
  options.faults.rps_limit = f.rps_limit;
  options.faults.latency_per_node_ms = f.latency_per_node_ms;
  options.faults.max_page_size = f.max_page_size;
  sim::SimServer server(options);
  if (auto port = server.Start(); !port) {
    PrintError(port.error().message);
    return ToInt(ExitCode::kInternal);
  }
  TempDir dir;
  std::string token_file = dir.path() + "/token.json";
  if (auto st = server.WriteTokenFile(token_file); dir.path().empty() || !st) {
    PrintError(Tr("cannot write the demo's token file in the temporary directory."));
    return ToInt(ExitCode::kInternal);
  }
  auto config = DemoConfig(f, server.BaseUrl());
  if (!config) {
    PrintError(config.error().message);
    return ToInt(ExitCode::kUsage);
  }
  config->options.worker_id = ThisWorker();
  const int page = f.max_page_size > 0 ? f.max_page_size : kDefaultPageSize;
  std::cout << TrFormat(
                   "Simulated Gazelle API at {} ({} entries, ~{} ms per page of {}, at most {} "
                   "requests/s) → {}",
                   server.BaseUrl(), FormatCount(sim::SimDataset::ScaledTotal(f.scale)),
                   f.latency_ms + std::lround(f.latency_per_node_ms * page), page, f.rps_limit,
                   f.db)
            << '\n';
  SourceConfig source;
  source.api_url = config->api_url;
  source.token_file = token_file;
  source.credentials.client_id = server.credentials().client_id;
  source.credentials.client_secret = server.credentials().client_secret;
  int code = RunLoad(*config, source, InstallStopHandlers());
  server.Stop();
  bool loaded = code == ToInt(ExitCode::kOk) || code == ToInt(ExitCode::kDoneWithRejects);
  if (loaded && config->progress != ProgressMode::kJson) PrintNextSteps(f);
  return code;
}

}  // namespace

void RegisterDemoCommand(CLI::App& app, Action* chosen) {
  auto* cmd = app.add_subcommand(
      "demo", Tr("Try it: the simulated API into sqlite:gazelle-demo.db with live progress."));
  auto f = std::make_shared<DemoFlags>();
  cmd->add_option("--scale", f->scale,
                  TrFormat("Size of the simulated history (1 = {} entries, the per-year totals "
                           "of the business's history)",
                           FormatCount(sim::SimDataset::ScaledTotal(1.0))))
      ->capture_default_str()
      ->check(CLI::Range(0.0001, 10.0));
  cmd->add_option("--latency-ms", f->latency_ms, Tr("Simulated API latency per request, ms"))
      ->capture_default_str()
      ->check(CLI::Range(0, 5000));
  cmd->add_option("--max-page-size", f->max_page_size,
                  Tr("Most entries per page the simulated API gives (0 = as many as asked)"))
      ->capture_default_str()
      ->check(CLI::Range(0, 1000));
  cmd->add_option("--rps-limit", f->rps_limit,
                  Tr("Requests per second the simulated API allows (429 beyond; 0 = no limit)"))
      ->capture_default_str()
      ->check(CLI::Range(0.0, 10000.0));
  cmd->add_option("--seed", f->seed, Tr("Dataset seed"))->capture_default_str();
  cmd->add_option("--concurrency", f->concurrency, Tr("Concurrent streams (default: chosen)"));
  cmd->add_option("--db", f->db, Tr("Destination"))->capture_default_str();
  cmd->add_option("--progress", f->progress, Tr("auto, line, log, json or quiet"))
      ->capture_default_str();
  cmd->callback([chosen, f] { *chosen = [f] { return Execute(*f); }; });
}

}  // namespace gb::cli
