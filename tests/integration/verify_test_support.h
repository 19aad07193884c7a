// Shared by the verify, rejects and token integration tests: run the real
// binary with a clean environment and capture its output and exit code, and
// load a destination from the in-process simulator with RunBackfill.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <map>
#include <string>

#include "core/clock.h"
#include "engine/backfill.h"
#include "sim/sim_server.h"
#include "source/authenticator.h"
#include "source/curl_transport.h"
#include "source/gazelle_client.h"

namespace gb::test {

struct CliResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `gazelle-backfill args` in `cwd` with none of the tool's variables but `env`.
// `line` as a shell runs it, pasted by the user into `cwd` (the
// environment cleared of the tool's variables but for `env`).
inline CliResult RunShellLine(const std::string& line,
                              const std::map<std::string, std::string>& env,
                              const std::string& cwd) {
  std::string cmd = "cd " + ShellQuote(cwd) +
                    " && env -u GAZELLE_API_KEY -u GAZELLE_CLIENT_ID -u GAZELLE_CLIENT_SECRET "
                    "-u DATABASE_URL -u GAZELLE_API_URL -u LANG -u LC_ALL -u LC_MESSAGES";
  for (const auto& [k, v] : env) cmd += " " + k + "=" + ShellQuote(v);
  cmd += " " + line + " 2>&1";
  CliResult result;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, pipe)) result.output.append(buf, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline CliResult RunCli(const std::string& args, const std::map<std::string, std::string>& env,
                        const std::string& cwd) {
  return RunShellLine(std::string(GB_BINARY) + " " + args, env, cwd);
}

// Loads `years` from the simulator into `db_url` the way `run` does.
inline RunOutcome LoadFromSim(sim::SimServer& sim, const std::string& db_url,
                              std::vector<int> years) {
  CurlTransport transport;
  ApiKeyAuthenticator auth(sim.credentials().api_key);
  NullObserver observer;
  GazelleOptions go;
  go.base_url = sim.BaseUrl();
  auto client = GazelleClient::Create(go, transport, auth, SystemClock::Instance(), observer);
  EXPECT_TRUE(client);
  auto destination = OpenDestination(db_url);
  EXPECT_TRUE(destination);
  if (!client || !destination) return {};
  RunOptions options;
  options.years = std::move(years);
  options.worker_id = WorkerId{"test", 1, "load"};
  options.concurrency = 2;
  std::atomic<bool> stop{false};
  return RunBackfill(options, **client, **destination, observer, SystemClock::Instance(), stop);
}

// A small simulator: about 0.3% of DESIGN.md's volumes (2023: 85, 2024: 78 entries).
inline std::unique_ptr<sim::SimServer> StartSmallSim() {
  sim::SimOptions options;
  options.scale = 0.003;
  auto sim = std::make_unique<sim::SimServer>(options);
  EXPECT_TRUE(sim->Start("127.0.0.1", 0));
  return sim;
}

}  // namespace gb::test
