#include "cli/command.h"

namespace gb::cli {

void RegisterRunCommand(CLI::App& app, Action* chosen) {
  auto* cmd = app.add_subcommand("run", "Backfill a range of years into the destination.");
  cmd->callback([chosen] { *chosen = [] { return 0; }; });
}

}  // namespace gb::cli
