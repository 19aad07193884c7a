// `gazelle-backfill rejects list | export | retry`: the rows the loader could
// not store, with the database's reason; exported as JSONL or CSV (raw API
// node included); retried through the loader's own path once the cause is
// fixed (see engine/reject_retrier.h).
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/load_runner.h"
#include "cli/run_flags.h"
#include "cli/stop_signal.h"
#include "core/exit_status.h"
#include "core/redact.h"
#include "engine/reject_retrier.h"
#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb::cli {
namespace {

struct RejectsFlags {
  std::string db;
  std::optional<int64_t> run;
  std::string format = "jsonl";
  std::string output;  // empty: stdout
  int batch_size = 500;
};

Result<std::unique_ptr<RejectsStore>> OpenStore(const RejectsFlags& f) {
  auto database = ParseDbFlag(f.db, ProcessEnv());
  if (!database) return tl::unexpected(database.error());
  return (*database)->OpenRejectsStore();
}

int Failed(const Error& e) {
  PrintError(e.message);
  return ToInt(ExitCodeForDestination(e.kind));
}

std::string OneLine(std::string text, size_t width) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return DisplayWidth(text) > width ? TruncateToWidth(text, width - 1) + "…" : text;
}

// The reason without PostgreSQL's per-row detail ("... (Failing row contains
// (...))"), so rows refused for the same cause are counted together.
std::string ReasonKey(const std::string& reason) {
  const size_t detail = reason.find(" (");
  if (detail == std::string::npos || reason.back() != ')') return reason;
  return reason.substr(0, detail);
}

// "   1,234  reason" lines, most frequent first.
std::string FormatByReason(const std::map<std::string, int64_t>& reasons) {
  std::map<std::string, int64_t> by_key;
  for (const auto& [reason, n] : reasons) by_key[ReasonKey(reason)] += n;
  std::multimap<int64_t, std::string, std::greater<>> ranked;
  for (const auto& [reason, n] : by_key) ranked.emplace(n, reason);
  std::string out;
  for (const auto& [n, reason] : ranked) {
    out += PadLeft(FormatCount(n), 10) + "  " + OneLine(RedactSecrets(reason), 100) + "\n";
  }
  return out;
}

std::string FormatList(const std::vector<StoredReject>& rejects) {
  std::string out = PadRight(Tr("External id"), 26) + PadRight(Tr("Year"), 6) +
                    PadRight(Tr("Type"), 26) + PadRight(Tr("SQLSTATE"), 9) +
                    PadRight(Tr("When"), 21) + Tr("Reason") + "\n";
  std::map<std::string, int64_t> by_reason;
  for (const StoredReject& s : rejects) {
    const Reject& r = s.reject;
    out += PadRight(OneLine(r.external_id.empty() ? "–" : r.external_id, 25), 26) +
           PadRight(r.year ? std::to_string(r.year) : "–", 6) + PadRight(OneLine(r.type, 25), 26) +
           PadRight(r.sqlstate.empty() ? "–" : r.sqlstate, 9) + PadRight(s.created_at, 21) +
           OneLine(RedactSecrets(r.reason), 100) + "\n";
    ++by_reason[r.reason];
  }
  out += "\n" + TrFormat("{} rejected rows, by reason:", FormatCount(std::ssize(rejects))) + "\n";
  return out + FormatByReason(by_reason);
}

nlohmann::json ToJson(const StoredReject& s) {
  nlohmann::json raw = nlohmann::json::parse(s.reject.raw, nullptr, false);
  if (raw.is_discarded()) raw = s.reject.raw;  // not JSON: kept as text
  return {{"id", s.id},
          {"run_id", s.run_id},
          {"unit", s.unit},
          {"external_id", s.reject.external_id},
          {"year", s.reject.year},
          {"type", s.reject.type},
          {"sqlstate", s.reject.sqlstate},
          {"reason", s.reject.reason},
          {"created_at", s.created_at},
          {"raw", raw}};
}

// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void WriteExport(const std::vector<StoredReject>& rejects, bool csv, std::ostream& out) {
  if (csv) out << "id,run_id,unit,external_id,year,type,sqlstate,reason,created_at,raw\r\n";
  for (const StoredReject& s : rejects) {
    if (!csv) {
      out << ToJson(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      continue;
    }
    const Reject& r = s.reject;
    for (const std::string& field :
         {std::to_string(s.id), std::to_string(s.run_id), s.unit, r.external_id,
          std::to_string(r.year), r.type, r.sqlstate, r.reason, s.created_at}) {
      out << CsvField(field) << ',';
    }
    out << CsvField(r.raw) << "\r\n";
  }
}

int List(const RejectsFlags& f) {
  auto store = OpenStore(f);
  if (!store) return Failed(store.error());
  auto rejects = (*store)->List(f.run);
  if (!rejects) return Failed(rejects.error());
  if (rejects->empty()) {
    std::cout << TrFormat("No rejected rows in {}.", (*store)->Describe()) << std::endl;
    return ToInt(ExitCode::kOk);
  }
  std::cout << FormatList(*rejects) << std::flush;
  return ToInt(ExitCode::kOk);
}

int Export(const RejectsFlags& f) {
  if (f.format != "jsonl" && f.format != "csv") {
    PrintError(TrFormat("--format {}: choose jsonl or csv.", f.format));
    return ToInt(ExitCode::kUsage);
  }
  auto store = OpenStore(f);
  if (!store) return Failed(store.error());
  auto rejects = (*store)->List(f.run);
  if (!rejects) return Failed(rejects.error());
  if (f.output.empty()) {
    WriteExport(*rejects, f.format == "csv", std::cout);
    std::cout.flush();
    return ToInt(ExitCode::kOk);
  }
  std::ofstream file(f.output, std::ios::binary | std::ios::trunc);
  WriteExport(*rejects, f.format == "csv", file);
  file.close();
  if (!file) {
    PrintError(TrFormat("cannot write {}: check the path and permissions.", f.output));
    return ToInt(ExitCode::kUsage);
  }
  std::cerr << TrFormat("{} rejected rows written to {}.", FormatCount(std::ssize(*rejects)),
                        f.output)
            << std::endl;
  return ToInt(ExitCode::kOk);
}

std::string FormatRetry(const RetryReport& r) {
  std::string out =
      TrFormat("Retried {} rejected rows: {} now loaded ({} of them repaired), {} still rejected.",
               FormatCount(r.retried), FormatCount(r.loaded + r.repaired), FormatCount(r.repaired),
               FormatCount(r.still_rejected));
  out += "\n" + FormatByReason(r.still_by_reason);
  if (r.stopped) out += Tr("Stopped before the end; what was retried is committed.") + "\n";
  return out;
}

int Retry(const RejectsFlags& f) {
  auto store = OpenStore(f);
  if (!store) return Failed(store.error());
  NullObserver observer;
  RejectRetrier retrier(**store, observer, SystemClock::Instance(), InstallStopHandlers());
  auto report = retrier.Run({f.run, f.batch_size});
  if (!report) return Failed(report.error());
  std::cout << FormatRetry(*report) << std::flush;
  return ToInt(ExitCodeForRunEnd(report->stopped ? RunEnd::kStopped : RunEnd::kDone,
                                 report->still_rejected));
}

void AddCommonFlags(CLI::App& cmd, RejectsFlags& f) {
  cmd.add_option("--db", f.db, Tr("Destination (default $DATABASE_URL, else sqlite:gazelle.db)"));
  cmd.add_option("--run", f.run, Tr("Only the rejects of this run (default: every run)"));
}

}  // namespace

void RegisterRejectsCommand(CLI::App& app, Action* chosen) {
  auto* cmd =
      app.add_subcommand("rejects", Tr("List, export or retry the rows that were rejected."));
  cmd->require_subcommand(1);
  auto f = std::make_shared<RejectsFlags>();
  auto* list = cmd->add_subcommand("list", Tr("Show the rejected rows and a count by reason."));
  AddCommonFlags(*list, *f);
  list->callback([chosen, f] { *chosen = [f] { return List(*f); }; });
  auto* exp = cmd->add_subcommand("export", Tr("Write the rejected rows, raw API node included."));
  AddCommonFlags(*exp, *f);
  exp->add_option("--format", f->format, Tr("jsonl or csv"))->capture_default_str();
  exp->add_option("--output", f->output, Tr("File to write (default: standard output)"));
  exp->callback([chosen, f] { *chosen = [f] { return Export(*f); }; });
  auto* retry =
      cmd->add_subcommand("retry", Tr("Load the rejected rows again, once their cause is fixed."));
  AddCommonFlags(*retry, *f);
  retry->add_option("--batch-size", f->batch_size, Tr("Rows per transaction"))
      ->capture_default_str();
  retry->callback([chosen, f] { *chosen = [f] { return Retry(*f); }; });
}

}  // namespace gb::cli
