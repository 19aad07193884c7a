#include "cli/app.h"

#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "core/exit_code.h"
#include "monitor/i18n.h"

namespace gb::cli {

int Main(int argc, char** argv) {
  // Before any text is built (the flags' help is translated when registered).
  InitTranslations();
  CLI::App app{
      Tr("gazelle-backfill: copies Gazelle timeline history into PostgreSQL or SQLite — fast, "
         "resumable, lossless, and watchable live.")};
  app.set_version_flag("--version", std::string("gazelle-backfill ") + GB_VERSION);
  app.require_subcommand(1);
  Action chosen;
  RegisterSimCommand(app, &chosen);
  RegisterRunCommand(app, &chosen);
  RegisterDemoCommand(app, &chosen);
  RegisterVerifyCommand(app, &chosen);
  RegisterRejectsCommand(app, &chosen);
  RegisterTokenCommand(app, &chosen);
  RegisterWatchCommand(app, &chosen);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return ToInt(ExitCode::kUsage);
  }
  return chosen ? chosen() : ToInt(ExitCode::kUsage);
}

}  // namespace gb::cli
