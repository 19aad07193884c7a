#include "cli/app.h"

#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "core/exit_code.h"
#include "monitor/i18n.h"

namespace gb::cli {
namespace {

// CLI11's own words in the help (the subcommands inherit the formatter and
// the help flag from the app).
void TranslateHelp(CLI::App& app) {
  auto formatter = app.get_formatter();
  for (std::string_view label :
       {TrNoop("Usage"), TrNoop("OPTIONS"), TrNoop("SUBCOMMAND"), TrNoop("SUBCOMMANDS"),
        TrNoop("REQUIRED"), TrNoop("Positionals")}) {
    formatter->label(std::string(label), Tr(label));
  }
  app.set_help_flag("-h,--help", Tr("Print this help message and exit"));
}

}  // namespace

int Main(int argc, char** argv) {
  // Before any text is built (the flags' help is translated when registered).
  InitTranslations();
  CLI::App app{
      Tr("gazelle-backfill: copies Gazelle timeline history into PostgreSQL or SQLite — fast, "
         "resumable, lossless, and watchable live.")};
  TranslateHelp(app);
  app.set_version_flag("--version", std::string("gazelle-backfill ") + GB_VERSION,
                       Tr("Display program version information and exit"));
  app.require_subcommand(1);
  Action chosen;
  RegisterSimCommand(app, &chosen);
  RegisterRunCommand(app, &chosen);
  RegisterSyncCommand(app, &chosen);
  RegisterDemoCommand(app, &chosen);
  RegisterVerifyCommand(app, &chosen);
  RegisterRejectsCommand(app, &chosen);
  RegisterTokenCommand(app, &chosen);
  RegisterWatchCommand(app, &chosen);
  RegisterDoctorCommand(app, &chosen);
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
