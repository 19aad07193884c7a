#include "cli/command.h"

namespace gb::cli {

void RegisterSimCommand(CLI::App& app, Action* chosen) {
  auto* cmd = app.add_subcommand("sim", "Serve a faithful local Gazelle API (simulator).");
  cmd->callback([chosen] { *chosen = [] { return 0; }; });
}

}  // namespace gb::cli
