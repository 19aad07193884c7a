// `gazelle-backfill run`: every flag of the loader, parsed by CLI11 into
// RunFlags, validated by ResolveRunFlags (pure, tested), then RunLoad.
#include <memory>

#include "cli/command.h"
#include "cli/duration_flag.h"
#include "cli/load_runner.h"
#include "cli/run_flags.h"
#include "cli/run_http.h"
#include "cli/stop_signal.h"
#include "cli/stream_list.h"
#include "cli/sync_loop.h"
#include "core/entry_types.h"
#include "core/exit_code.h"
#include "core/exit_status.h"
#include "core/worker_id.h"
#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb::cli {
namespace {

void AddRangeFlags(CLI::App& cmd, RunFlags& f) {
  cmd.add_option("--years", f.years,
                 Tr("Years to load: 2016-2025, 2024, or 2016,2018 (repeatable)"))
      ->type_name("YEARS");
  cmd.add_option("--start-year", f.start_year, Tr("Old spelling: first year of the range"));
  cmd.add_option("--end-year", f.end_year, Tr("Old spelling: last year of the range (any order)"));
  cmd.add_option("--tz", f.tz, Tr("Time zone of the year boundaries (IANA name)"))
      ->capture_default_str();
  cmd.add_option("--streams", f.streams,
                 TrFormat("What to load: {} (comma-separated), or all (default: all from the API, "
                          "the timeline from a file; an unfinished run's own when it differs "
                          "only in them)",
                          KnownStreams()))
      ->type_name("STREAMS");
}

void AddEndpointFlags(CLI::App& cmd, RunFlags& f) {
  cmd.add_option("--db", f.db,
                 Tr("Destination: sqlite:PATH, a path, or postgresql://… (default $DATABASE_URL, "
                    "else sqlite:gazelle.db)"));
  cmd.add_option("--api", f.api, ApiOptionHelp());
  cmd.add_option("--token-file", f.token_file, Tr("OAuth token file"))->capture_default_str();
  cmd.add_option("--api-key", f.api_key,
                 Tr("Short API key instead of OAuth (default $GAZELLE_API_KEY)"));
  cmd.add_option("--from-file", f.from_file,
                 Tr("Replay an export (JSONL of API nodes) instead of the API"));
  cmd.add_option("--users-file", f.users_file,
                 Tr("The users of a --from-file dump that has none (an old dump): one user per "
                    "line, see docs/dump-format.md"));
}

void AddTuningFlags(CLI::App& cmd, RunFlags& f) {
  cmd.add_option(
      "--batch-size", f.batch_size,
      TrFormat("Rows per transaction (default: {}, or {} for a database {} ms or more away)",
               FormatCount(kDefaultBatchSize), FormatCount(kFarBatchSize), kFarRoundTrip.count()));
  cmd.add_option("--page-size", f.page_size,
                 Tr("Entries asked per API page (the API may give fewer: the run follows it; "
                    "refused, it asks 100)"))
      ->capture_default_str();
  cmd.add_option("--concurrency", f.concurrency,
                 Tr("Concurrent streams (default: chosen by the loader)"));
  cmd.add_option("--request-timeout", f.request_timeout_s,
                 TrFormat("Seconds one API request may take before it is retried (connecting: at "
                          "most {})",
                          kMaxConnectTimeout.count()))
      ->capture_default_str();
  cmd.add_option("--max-rps", f.max_rps,
                 Tr("API requests per second, all streams together (0 = no limit)"));
  cmd.add_option("--progress", f.progress, Tr("auto, line, log, json or quiet"))
      ->capture_default_str();
  cmd.add_option("--truncate", f.truncate,
                 Tr("TITLE,DESCRIPTION character limits of an old table, e.g. 500,2000"));
  cmd.add_flag("--legacy-types", f.legacy_types,
               TrFormat("Map entry types onto the old {}-value CHECK", kLegacyEntryTypes.size()));
  cmd.add_flag("--restart", f.restart, Tr("Start the range over instead of resuming"));
  cmd.add_flag("--sync-users", f.sync_users,
               Tr("Kept for compatibility, does nothing: every run loads the users first"));
  cmd.add_flag("--close-exposed-tables", f.close_exposed_tables,
               Tr("Close the existing tables that the API roles (Supabase's anon, "
                  "authenticated) can reach: row level security on, their privileges revoked"));
  cmd.add_flag("--profile", f.profile, Tr("Report where the time went"));
  // Hidden (empty group): tests of several workers and lease expiry.
  cmd.add_option("--lease", f.lease_s, "Lease of a claimed unit, in seconds")->group("");
  cmd.add_option("--worker-host", f.worker_host, "Host name in the worker id")->group("");
}

int Execute(const RunFlags& flags, const std::string& http) {
  EnvLookup env = ProcessEnv();
  auto config = ResolveRunFlags(flags, env);
  if (!config) {
    PrintError(config.error().message);
    return ToInt(ExitCode::kUsage);
  }
  config->options.worker_id = ThisWorker(flags.worker_host);
  SourceConfig source;
  source.from_file = config->from_file;
  source.users_file = config->users_file;
  source.api_url = config->api_url;
  source.token_file = config->token_file;
  source.max_rps = config->max_rps;
  source.request_timeout = config->request_timeout;
  if (config->from_file.empty()) {
    auto credentials = LoadCredentials(env, ".env", config->api_key);
    if (!credentials) {
      PrintError(credentials.error().message);
      return ToInt(ExitCodeForSource(credentials.error().kind));
    }
    source.credentials = *credentials;
  }
  if (http.empty()) return RunLoad(*config, source, InstallStopHandlers());
  RunHttp page;  // outlives RunLoad: the page keeps answering until the end
  if (auto s = page.Start(http, *config->database); !s) {
    PrintError(s.error().message);
    return ToInt(ExitCode::kUsage);
  }
  return RunLoad(*config, source, InstallStopHandlers(), page.Hook());
}

// The defaults the help below states.
static_assert(kDefaultOverlap == std::chrono::days{30} &&
              kDefaultSweepEvery == std::chrono::days{1});

void AddSyncFlags(CLI::App& cmd, RunFlags& f) {
  cmd.add_option("--streams", f.streams,
                 TrFormat("What to sync: {} (comma-separated), or all (default: all from the API, "
                          "the timeline from a file)",
                          KnownStreams()))
      ->type_name("STREAMS");
  cmd.add_option("--tz", f.tz, Tr("Time zone of the month boundaries (IANA name)"))
      ->capture_default_str();
  cmd.add_option("--overlap", f.overlap,
                 Tr("How far below the newest stored entry the timeline is swept again, for "
                    "entries edited since (default 30d; back-dated and deleted entries are found "
                    "by the month counts)"))
      ->type_name("DURATION");
  cmd.add_option("--sweep-every", f.sweep_every,
                 Tr("Sweep each other stream whole at least this often, for its edits (default "
                    "1d; sooner when its count differs by more than its objects created since "
                    "the overlap's floor, which are fetched alone)"))
      ->type_name("DURATION");
  // Hidden (empty group): the business's old daily job, for comparisons.
  cmd.add_flag("--window-only", f.window_only,
               "Sweep the overlap's window alone: no month counts, nothing marked")
      ->group("");
}

// sync --every: the schedule goes where the syncs go (a --db that does not
// parse is said by the first sync).
int Every(const RunFlags& flags, const std::string& every) {
  auto interval = ParseDurationFlag("--every", every);
  if (!interval) {
    PrintError(interval.error().message);
    return ToInt(ExitCode::kUsage);
  }
  std::unique_ptr<SyncStore> schedule;
  if (auto config = ResolveRunFlags(flags, ProcessEnv())) {
    schedule = config->database->OpenSyncStore();
  }
  return RepeatEvery(
      *interval, [&flags] { return Execute(flags, ""); }, InstallStopHandlers(), schedule.get(),
      FormatWorkerId(ThisWorker(flags.worker_host)));
}

}  // namespace

void RegisterSyncCommand(CLI::App& app, Action* chosen) {
  auto* cmd = app.add_subcommand(
      "sync", Tr("Bring a loaded destination up to date with the source, then exit (or repeat "
                 "with --every)."));
  auto flags = std::make_shared<RunFlags>();
  flags->sync = true;
  AddSyncFlags(*cmd, *flags);
  AddEndpointFlags(*cmd, *flags);
  AddTuningFlags(*cmd, *flags);
  auto every = std::make_shared<std::string>();
  cmd->add_option("--every", *every,
                  Tr("Sync again at this interval until SIGTERM or Ctrl-C (e.g. 15m): the batch "
                     "in hand is committed first"))
      ->type_name("DURATION");
  cmd->callback([chosen, flags, every] {
    *chosen = [flags, every] {
      return every->empty() ? Execute(*flags, "") : Every(*flags, *every);
    };
  });
}

void RegisterRunCommand(CLI::App& app, Action* chosen) {
  auto* cmd = app.add_subcommand("run", Tr("Backfill a range of years into the destination."));
  auto flags = std::make_shared<RunFlags>();
  AddRangeFlags(*cmd, *flags);
  AddEndpointFlags(*cmd, *flags);
  AddTuningFlags(*cmd, *flags);
  auto http = std::make_shared<std::string>();
  cmd->add_option("--http", *http,
                  Tr("Serve the watch page, /status.json and /metrics on ADDRESS (e.g. "
                     "127.0.0.1:8080)"))
      ->type_name("ADDRESS");
  cmd->callback(
      [chosen, flags, http] { *chosen = [flags, http] { return Execute(*flags, *http); }; });
}

}  // namespace gb::cli
