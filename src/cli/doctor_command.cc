// `gazelle-backfill doctor`: the audit of a destination a user runs before the
// first load (reachable, TLS, pooler, rights, tables open to the API roles,
// encoding and collation), one line per finding with what to do. Read only;
// --fix closes the exposed tables (and nothing else) first. The exit code is
// for cron: 0 ready, 15 a problem to fix, 7 unreachable, 2 a bad URL.
#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/load_runner.h"
#include "cli/run_flags.h"
#include "core/exit_status.h"
#include "monitor/doctor_report.h"
#include "monitor/i18n.h"
#include "sink/destination_audit.h"

namespace gb::cli {
namespace {

struct DoctorFlags {
  std::string db;
  bool fix = false;
  bool json = false;
};

ExitCode DoctorExitCode(const AuditReport& report) {
  if (!report.reachable) return ExitCodeForDestination(report.unreachable_kind);
  return ExitCodeForDoctor(report.HasProblems());
}

int Execute(const DoctorFlags& f) {
  auto database = ParseDbFlag(f.db, ProcessEnv());
  if (!database) {
    PrintError(database.error().message);
    return ToInt(ExitCode::kUsage);
  }
  AuditReport report = (*database)->OpenAuditor()->Audit(AuditOptions{f.fix});
  const int code = ToInt(DoctorExitCode(report));
  if (f.json) {
    std::cout << FormatDoctorJson(report, code) << std::endl;
  } else {
    std::cout << FormatDoctorReport(report, code, *Terminal::ForStdout()) << std::flush;
  }
  return code;
}

}  // namespace

void RegisterDoctorCommand(CLI::App& app, Action* chosen) {
  auto* cmd = app.add_subcommand(
      "doctor",
      Tr("Check a destination before the first load: reachable, TLS, pooler, rights, tables "
         "open to the API, encoding and collation."));
  auto f = std::make_shared<DoctorFlags>();
  cmd->add_option("--db", f->db,
                  Tr("Destination: sqlite:PATH, a path, or postgresql://… (default $DATABASE_URL, "
                     "else sqlite:gazelle.db)"));
  cmd->add_flag("--fix", f->fix,
                Tr("Close the tables open to the API roles (row level security on, their "
                   "privileges revoked), then check again; changes nothing else"));
  cmd->add_flag("--json", f->json, Tr("One JSON document instead of lines"));
  cmd->callback([chosen, f] { *chosen = [f] { return Execute(*f); }; });
}

}  // namespace gb::cli
