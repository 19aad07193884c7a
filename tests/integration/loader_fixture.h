// The fixture of the end-to-end `run` tests: a real simulator process
// (gazelle-backfill sim) writing a ready token file, a database of its own on
// the shared throwaway PostgreSQL (direct and through pgbouncer), a temp
// directory as the loader's working directory, and the `run` command line.
//
// Header-only: tests/CMakeLists.txt builds only tests/integration/*_test.cc.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "integration/loader_checks.h"
#include "integration/loader_process.h"
#include "support/pg_server.h"
#include "support/sim_process.h"
#include "support/temp_dir.h"

namespace gb::test {

// Small enough for a 2-core machine, big enough for several batches per year
// (scale 0.02: 2023 has 566 entries, 2024 has 520).
inline constexpr double kScale = 0.02;

class LoaderTest : public PgDatabaseTest {
 protected:
  void StartSim(std::vector<std::string> extra = {}, double scale = kScale) {
    token_file_ = dir_.File("token.json");
    std::vector<std::string> args = {"--scale", std::to_string(scale), "--token-file", token_file_};
    args.insert(args.end(), extra.begin(), extra.end());
    sim_ = std::make_unique<SimProcess>(args);
    ASSERT_TRUE(sim_->ok());
  }

  std::string SqliteUrl(const std::string& name = "dest.db") const {
    return "sqlite:" + dir_.File(name);
  }

  // `run` against the simulator with the OAuth token file, logging per batch.
  std::vector<std::string> RunArgs(const std::string& db_url, const std::string& years,
                                   std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"run",       "--api",      sim_->url(), "--token-file",
                                     token_file_, "--db",       db_url,      "--years",
                                     years,       "--progress", "log"};
    args.insert(args.end(), extra.begin(), extra.end());
    // The timeline alone unless the test asks for streams: the default
    // (every stream) has tests of its own.
    if (std::find(extra.begin(), extra.end(), "--streams") == extra.end()) {
      args.insert(args.end(), {"--streams", "timeline"});
    }
    return args;
  }

  // The OAuth client, so an expired token can be refreshed.
  std::map<std::string, std::string> Env() const {
    return {{"GAZELLE_CLIENT_ID", sim_->client_id()},
            {"GAZELLE_CLIENT_SECRET", sim_->client_secret()}};
  }

  ChildExit Run(const std::vector<std::string>& args) {
    return RunLoader(args, Env(), dir_.path());
  }

  SimTruth Truth(const std::vector<int>& years) {
    SimAsker asker(sim_->url(), token_file_, sim_->client_id(), sim_->client_secret());
    return AskSimTruth(asker, years);
  }

  TempDir dir_{"gb-e2e-"};
  std::unique_ptr<SimProcess> sim_;
  std::string token_file_;
};

}  // namespace gb::test
