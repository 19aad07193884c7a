// `gazelle-backfill sim`: serve the Gazelle API simulator until SIGINT/SIGTERM,
// and `sim dump --jsonl FILE`: write its dataset as JSONL. The first line the
// server prints is parsed by tests (tests/support/sim_process.h).
#include <csignal>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.h"
#include "core/exit_code.h"
#include "monitor/format.h"
#include "monitor/i18n.h"
#include "sim/jsonl_dump.h"
#include "sim/sim_server.h"

namespace gb::cli {
namespace {

struct SimFlags {
  sim::SimOptions options;
  std::string host = "127.0.0.1";
  int port = 0;
  std::string token_file;
  std::string jsonl;
  std::string changes;  // --changes JSON (sim/sim_changes.h)
};

void AddDatasetFlags(CLI::App* cmd, sim::SimOptions* o) {
  cmd->add_option("--seed", o->seed, "Dataset seed (same seed, same bytes)")->capture_default_str();
  cmd->add_option("--scale", o->scale, "Per-year totals of the real data × this factor")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--unknown-user-share", o->unknown_user_share,
                  "Share of entries whose user allUsers does not return")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--hostile", o->hostile, "Add hostile content (huge, odd and malformed entries)");
}

void AddFaultFlags(CLI::App* cmd, sim::SimOptions* o) {
  sim::FaultOptions& f = o->faults;
  cmd->add_option("--token-ttl", o->access_token_ttl_s, "Access token lifetime, seconds")
      ->capture_default_str();
  cmd->add_option("--latency-ms", f.latency_ms, "Added latency per GraphQL request (mean), ms");
  cmd->add_option("--latency-jitter-ms", f.latency_jitter_ms, "Latency jitter (±), ms");
  cmd->add_option("--latency-per-node-ms", f.latency_per_node_ms,
                  "Latency added per timeline node of an answer, ms (a page of 500 takes longer)")
      ->check(CLI::Range(0.0, 1000.0));
  cmd->add_option("--max-page-size", f.max_page_size,
                  "Most nodes per page, whatever `first` asks; silent, as a server's maximum page "
                  "size is (0 = no cap)")
      ->check(CLI::Range(0, 1000));
  cmd->add_flag("--max-page-size-refuses", f.max_page_size_refuses,
                "A larger page is refused with a GraphQL error instead of capped");
  cmd->add_option("--error-5xx-share", f.error_5xx_share, "Share of requests answered 500/502/503")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--rps-limit", f.rps_limit,
                  "Requests per second before 429 + Retry-After (0 = off)");
  cmd->add_option("--hang-share", f.hang_share, "Share of requests held without an answer")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--hang-ms", f.hang_ms, "How long a hung request is held, ms")
      ->capture_default_str();
  cmd->add_option("--truncate-share", f.truncate_share, "Share of answers cut off mid-body")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--garble-share", f.garble_share, "Share of answers that are not valid JSON")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--new-entries-per-second", f.new_entries_per_second,
                  "New entries arriving at the top of the timeline");
  cmd->add_flag("--expire-tokens-now", f.expire_tokens_now,
                "Start with the access token already expired");
  cmd->add_option("--null-share", o->null_share,
                  "Use the nulls the schema allows: this share of pages holds a null item in "
                  "nodes/edges, and of nullable fields answers null")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  static const std::map<std::string, sim::CursorStyle> kStyles = {
      {"offset", sim::CursorStyle::kOffset}, {"opaque", sim::CursorStyle::kOpaque}};
  cmd->add_option("--cursor-style", o->cursor_style,
                  "offset: a cursor is an offset any filter honours; opaque: a cursor is bound "
                  "to the filter that issued it (reused under another, it is refused)")
      ->transform(CLI::CheckedTransformer(kStyles, CLI::ignore_case))
      ->default_str("offset");
}

void AddChangeFlags(CLI::App* cmd, SimFlags* f) {
  cmd->add_option("--changes", f->changes,
                  "Change the account like a real one, every --changes-every: a JSON object as "
                  "POST /admin/changes takes, e.g. '{\"new\":5,\"backdated\":2,\"edited\":3,"
                  "\"deleted\":1}' (keys: new, backdated, backdated_days, edited, deleted, "
                  "clients_new, clients_edited, pianos_new, pianos_edited)");
  f->options.changes_every_ms = 60000;
  cmd->add_option("--changes-every", f->options.changes_every_ms,
                  "How often --changes are applied: a number with a unit (500ms, 60s, 15m, 1h)")
      ->transform(CLI::AsNumberWithUnit(
          std::map<std::string, int64_t>{{"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}},
          CLI::AsNumberWithUnit::UNIT_REQUIRED))
      ->check(CLI::PositiveNumber)
      ->type_name("DURATION")
      ->default_str("60s");
}

// --changes into the options; false (the message printed) when it is not a valid request.
bool ReadChanges(SimFlags* flags) {
  if (flags->changes.empty()) return true;
  auto body = nlohmann::json::parse(flags->changes, nullptr, /*allow_exceptions=*/false);
  auto request = body.is_discarded()
                     ? Result<sim::ChangeRequest>(Fail(ErrorKind::kConfig, "not JSON"))
                     : sim::ParseChangeRequest(body);
  if (!request) {
    std::fprintf(stderr, "error: --changes: %s\n", request.error().message.c_str());
    return false;
  }
  flags->options.changes = *request;
  return true;
}

int Serve(SimFlags flags) {
  if (!ReadChanges(&flags)) return ToInt(ExitCode::kUsage);
  // Block the stop signals before the server starts its threads, then wait for one here.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  sim::SimServer server(flags.options);
  auto port = server.Start(flags.host, flags.port);
  if (!port) {
    std::fprintf(stderr, "error: %s\n", port.error().message.c_str());
    return ToInt(ExitCode::kUsage);
  }
  std::printf("gazelle-backfill sim listening on %s\n", server.BaseUrl().c_str());
  std::printf("dataset: seed %llu, scale %g, %s entries (2016-2026)%s; cursors %s%s\n",
              static_cast<unsigned long long>(flags.options.seed), flags.options.scale,
              FormatCount(server.dataset().base_size(), EnglishLocale()).c_str(),
              flags.options.hostile ? ", hostile" : "",
              std::string(sim::CursorStyleName(flags.options.cursor_style)).c_str(),
              flags.options.null_share > 0
                  ? (", null share " + std::to_string(flags.options.null_share)).c_str()
                  : "");
  const auto& c = server.credentials();
  std::printf(
      "test OAuth client (simulator only, not a real secret): client_id=%s client_secret=%s\n",
      c.client_id.c_str(), c.client_secret.c_str());
  if (!flags.token_file.empty()) {
    if (auto st = server.WriteTokenFile(flags.token_file); !st) {
      std::fprintf(stderr, "error: %s\n", st.error().message.c_str());
      return ToInt(ExitCode::kUsage);
    }
    std::printf("token file: %s\n", flags.token_file.c_str());
  }
  if (!flags.options.changes.empty()) {
    std::printf("changes: %s every %lld ms\n",
                sim::ChangeRequestToJson(flags.options.changes).dump().c_str(),
                static_cast<long long>(flags.options.changes_every_ms));
  }
  std::printf(
      "admin: %s/admin/faults, %s/admin/changes, %s/admin/stats (loopback only); Ctrl-C stops\n",
      server.BaseUrl().c_str(), server.BaseUrl().c_str(), server.BaseUrl().c_str());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop, &sig);
  server.Stop();
  return ToInt(ExitCode::kOk);
}

int Dump(const SimFlags& flags) {
  sim::SimDataset data(flags.options.seed, flags.options.scale, flags.options.unknown_user_share,
                       flags.options.hostile);
  auto written = sim::WriteJsonlDump(data, flags.jsonl);
  if (!written) {
    std::fprintf(stderr, "error: %s\n", written.error().message.c_str());
    return ToInt(ExitCode::kUsage);
  }
  std::printf("wrote %s users and %s entries to %s\n",
              FormatCount(written->users, EnglishLocale()).c_str(),
              FormatCount(written->entries, EnglishLocale()).c_str(), flags.jsonl.c_str());
  return ToInt(ExitCode::kOk);
}

}  // namespace

void RegisterSimCommand(CLI::App& app, Action* chosen) {
  auto flags = std::make_shared<SimFlags>();
  auto* cmd = app.add_subcommand("sim", "Serve a faithful local Gazelle API (simulator).");
  cmd->add_option("--port", flags->port, "Port to listen on (0 = any free port)")
      ->capture_default_str();
  cmd->add_option("--host", flags->host, "Address to bind (loopback by default)")
      ->capture_default_str();
  cmd->add_option("--token-file", flags->token_file, "Write a ready token file here (mode 0600)");
  cmd->add_option("--redirect-uri", flags->options.redirect_uri,
                  "The OAuth redirect URI registered for the test client (default: any loopback "
                  "http://127.0.0.1:PORT/PATH)");
  AddDatasetFlags(cmd, &flags->options);
  AddFaultFlags(cmd, &flags->options);
  AddChangeFlags(cmd, flags.get());
  auto* dump = cmd->add_subcommand("dump", "Write the simulator's dataset as JSONL of API nodes.");
  dump->add_option("--jsonl", flags->jsonl, "Output file")->required();
  AddDatasetFlags(dump, &flags->options);
  dump->callback([chosen, flags] { *chosen = [flags] { return Dump(*flags); }; });
  cmd->callback([chosen, flags, cmd] {
    if (!cmd->got_subcommand("dump")) *chosen = [flags] { return Serve(*flags); };
  });
}

}  // namespace gb::cli
