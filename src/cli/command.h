// Each subcommand lives in its own file and registers itself on the app with
// its flags and the action to run when it is chosen.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace gb::cli {

using Action = std::function<int()>;

// Sets `*chosen` (through the subcommand's callback) when the subcommand is used.
void RegisterSimCommand(CLI::App& app, Action* chosen);
void RegisterRunCommand(CLI::App& app, Action* chosen);
void RegisterSyncCommand(CLI::App& app, Action* chosen);
void RegisterDemoCommand(CLI::App& app, Action* chosen);
void RegisterVerifyCommand(CLI::App& app, Action* chosen);
void RegisterRejectsCommand(CLI::App& app, Action* chosen);
void RegisterTokenCommand(CLI::App& app, Action* chosen);
void RegisterWatchCommand(CLI::App& app, Action* chosen);
void RegisterDoctorCommand(CLI::App& app, Action* chosen);

}  // namespace gb::cli
