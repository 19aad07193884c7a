// `gazelle-backfill verify`: reconciles the source with the destination per
// year, then per month where they differ; --list-missing names the ids.
// Exit 0 only when everything matches, kMismatch otherwise.
#include <charconv>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/load_runner.h"
#include "cli/run_flags.h"
#include "cli/self_command.h"
#include "cli/source_factory.h"
#include "cli/stream_list.h"
#include "cli/verify_advice.h"
#include "cli/verify_streams.h"
#include "cli/year_range.h"
#include "core/exit_status.h"
#include "core/redact.h"
#include "engine/verifier.h"
#include "monitor/format.h"
#include "monitor/i18n.h"
#include "sink/status_reader.h"
#include "source/api_url.h"
#include "streams/registry.h"

namespace gb::cli {
namespace {

struct VerifyFlags {
  std::string db, api, api_key, month, tz = "UTC";
  std::string token_file = kDefaultTokenFile;
  std::vector<std::string> years;
  std::string streams;  // empty: those of the newest run
  bool list_missing = false;
};

// Source warnings (token file readable by others, no client secret) go to stderr.
class WarningPrinter final : public Observer {
 public:
  void On(const Event& event) override {
    if (const auto* w = std::get_if<Warning>(&event)) {
      std::cerr << TrFormat("warning: {}", RedactSecrets(w->message)) << std::endl;
    }
  }
};

// "2024-03" -> (2024, 3).
std::optional<std::pair<int, int>> ParseMonth(std::string_view text) {
  int year = 0, month = 0;
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  auto y = std::from_chars(text.data(), text.data() + 4, year);
  auto m = std::from_chars(text.data() + 5, text.data() + 7, month);
  if (y.ec != std::errc() || m.ec != std::errc() || y.ptr != text.data() + 4 ||
      m.ptr != text.data() + 7 || year < kMinYear || year > kMaxYear || month < 1 || month > 12) {
    return std::nullopt;
  }
  return std::make_pair(year, month);
}

// The stored parameters of the newest run in the destination (none: no run yet).
Result<std::optional<std::string>> LatestRunParams(const Database& db) {
  auto status = db.OpenStatusReader()->Read();
  if (!status) return tl::unexpected(status.error());
  if (status->runs.empty()) return std::optional<std::string>();
  return std::optional<std::string>(status->runs.front().params);
}

// The years of the newest run, when no --years was given.
Result<std::vector<int>> YearsOfRun(const std::optional<std::string>& params_json) {
  std::vector<int> years;
  if (params_json) {
    auto params = nlohmann::json::parse(*params_json, nullptr, false);
    if (params.is_object() && params["years"].is_array()) {
      for (const auto& y : params["years"]) {
        if (y.is_number_integer()) years.push_back(y.get<int>());
      }
    }
  }
  if (years.empty()) {
    return Fail(ErrorKind::kConfig,
                Tr("no run in the destination says which years to check: give --years, "
                   "for example --years 2016-2025."));
  }
  return years;
}

Result<VerifyOptions> ResolveOptions(const VerifyFlags& flags,
                                     const std::optional<std::string>& run_params) {
  VerifyOptions options;
  options.list_missing = flags.list_missing;
  if (!flags.month.empty()) {
    auto month = ParseMonth(flags.month);
    if (!month) {
      return Fail(ErrorKind::kConfig,
                  TrFormat("--month {}: give a year and a month, for example --month 2024-03.",
                           flags.month));
    }
    if (!flags.years.empty()) {
      return Fail(ErrorKind::kConfig, Tr("--month already names the year: drop --years."));
    }
    options.years = {month->first};
    options.month = month->second;
    return options;
  }
  auto years = flags.years.empty() ? YearsOfRun(run_params) : ParseYears(flags.years);
  if (!years) return tl::unexpected(years.error());
  options.years = *years;
  auto streams = VerifiedStreams(flags.streams, run_params);
  if (!streams) return tl::unexpected(streams.error());
  options.streams = std::move(streams->streams);
  options.timeline = streams->timeline;
  return options;
}

std::string PeriodLabel(const PeriodCheck& p) {
  return p.month == 0 ? std::to_string(p.year) : fmt::format("{}-{:02}", p.year, p.month);
}

std::string DiffRow(const std::string& label, int64_t source, int64_t destination,
                    size_t width = 9) {
  const int64_t diff = destination - source;
  std::string mark = diff == 0 ? Tr("ok") : diff < 0 ? Tr("missing rows") : Tr("extra rows");
  return PadRight(label, width) + PadLeft(FormatCount(source), 12) +
         PadLeft(FormatCount(destination), 13) +
         PadLeft((diff > 0   ? "+"
                  : diff < 0 ? "-"
                             : "") +
                     FormatCount(diff < 0 ? -diff : diff),
                 12) +
         "  " + mark + "\n";
}

std::string TableHead(const std::string& first, size_t width = 9) {
  return PadRight(first, width) + PadLeft(Tr("Source"), 12) + PadLeft(Tr("Destination"), 13) +
         PadLeft(Tr("Difference"), 12) + "\n";
}

std::string CheckTable(const std::vector<PeriodCheck>& checks, const std::string& first) {
  std::string out = TableHead(first);
  for (const PeriodCheck& p : checks) out += DiffRow(PeriodLabel(p), p.source, p.destination);
  return out;
}

// The other streams: the API's totalCount against the rows of each table.
std::string StreamTable(const std::vector<StreamCheck>& checks) {
  std::string out = TableHead(Tr("Stream"), 11);
  for (const StreamCheck& s : checks) out += DiffRow(s.name, s.source, s.destination, 11);
  return out;
}

std::string IdList(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += "  " + id + "\n";
  return out;
}

std::string FormatRowFindings(const VerifyReport& r) {
  std::string out;
  for (const MonthIds& m : r.listed) {
    const std::string month = fmt::format("{}-{:02}", m.year, m.month);
    out += TrFormat("{}: {} entries in the source, {} missing from the destination\n", month,
                    FormatCount(m.source_rows), FormatCount(std::ssize(m.missing)));
    out += IdList(m.missing);
    if (!m.extra.empty()) {
      out += TrFormat("{}: {} rows in the destination that the source does not have\n", month,
                      FormatCount(std::ssize(m.extra)));
      out += IdList(m.extra);
    }
  }
  if (!r.duplicates.empty()) {
    out +=
        TrFormat("Duplicates by external id ({} shown):\n", FormatCount(std::ssize(r.duplicates)));
    for (const auto& d : r.duplicates) {
      out += "  " + TrFormat("{} ×{}", d.external_id, FormatCount(d.copies)) + "\n";
    }
  }
  if (r.foreign.count > 0) {
    out += TrFormat(
        "{} rows with ids not of the API's tme_ scheme (old imports?), the source "
        "does not have them:\n",
        FormatCount(r.foreign.count));
    out += IdList(r.foreign.sample);
  }
  return out;
}

std::string FormatReport(const VerifyReport& r, const AdviceContext& advice) {
  std::string out;
  if (r.no_table) out += Tr("The destination has no gazelle_timeline_entries table yet.") + "\n";
  if (!r.years.empty()) out += CheckTable(r.years, Tr("Year"));
  if (!r.months.empty()) out += "\n" + CheckTable(r.months, Tr("Month"));
  if (!r.streams.empty()) out += (out.empty() ? "" : "\n") + StreamTable(r.streams);
  if (std::string rows = FormatRowFindings(r); !rows.empty()) out += "\n" + rows;
  if (std::string unlinked = UnlinkedAdvice(r, advice); !unlinked.empty()) {
    out += "\n" + unlinked;
  }
  out += "\n" + (r.Matches() ? Tr("Everything matches.") + "\n" : VerifyAdvice(r, advice));
  return out;
}

// Rows sync marked gone from the source: kept, not counted above. A table
// without the column (no run of a version with sync yet) has none.
std::string MarkedText(const Database& db, const VerifyOptions& options) {
  auto store = db.OpenSyncStore();
  std::vector<std::string_view> tables;
  if (options.timeline) tables.push_back(TimelineStream().table);
  for (const StreamModule* stream : options.streams) tables.push_back(stream->table);
  std::string parts;
  int64_t total = 0;
  for (std::string_view table : tables) {
    auto marked = store->CountMarked(table);
    if (!marked || *marked == 0) continue;
    total += *marked;
    parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", table, FormatCount(*marked));
  }
  if (total == 0) return "";
  return TrFormat(
      "{} rows are marked gone from the source (kept, listed in gb_missing; not "
      "counted above): {}.\n",
      FormatCount(total), parts);
}

int Execute(const VerifyFlags& flags) {
  EnvLookup env = ProcessEnv();
  auto db = ParseDbFlag(flags.db, env);
  auto api = ValidateApiUrl(ResolveApiUrl(flags.api, env));
  auto zone = YearZone::Make(flags.tz);
  for (const Status& s : {db ? Status{} : Status(tl::unexpected(db.error())),
                          api ? Status{} : Status(tl::unexpected(api.error())),
                          zone ? Status{} : Status(tl::unexpected(zone.error()))}) {
    if (!s) {
      PrintError(s.error().message);
      return ToInt(ExitCode::kUsage);
    }
  }
  auto run_params = LatestRunParams(**db);
  if (!run_params) {
    PrintError(run_params.error().message);
    return ToInt(ExitCodeForDestination(run_params.error().kind));
  }
  auto options = ResolveOptions(flags, *run_params);
  if (!options) {
    PrintError(options.error().message);
    return ToInt(ExitCodeForDestination(options.error().kind));  // kConfig: 2
  }
  auto credentials = LoadCredentials(env, ".env", flags.api_key);
  if (!credentials) {
    PrintError(credentials.error().message);
    return ToInt(ExitCodeForSource(credentials.error().kind));
  }
  WarningPrinter warnings;
  SourceConfig config{{}, *api, flags.token_file, 0, *credentials};
  auto source = OpenedSource::Open(config, SystemClock::Instance(), warnings);
  if (!source) {
    PrintError(source.error().message);
    return ToInt(ExitCodeForSource(source.error().kind));
  }
  auto reader = (*db)->OpenVerifyReader();
  std::cout << TrFormat("Verifying {} against {}, years {}", reader->Describe(),
                        TrReason(source->source().Describe()), DescribeYears(options->years))
            << "\n\n";
  Verifier verifier(*options, *zone, source->source(), *reader, source->objects());
  auto report = verifier.Run();
  if (!report) {
    PrintError(report.error().message);
    return ToInt(verifier.source_failed() ? ExitCodeForSource(report.error().kind)
                                          : ExitCodeForDestination(report.error().kind));
  }
  // The same flags as verify's, so the command works where verify did.
  const AdviceContext advice{*run_params,
                             *api,
                             !flags.api.empty(),
                             flags.db,
                             flags.token_file == kDefaultTokenFile ? "" : flags.token_file,
                             flags.tz,
                             SelfCommand()};
  std::cout << FormatReport(*report, advice) << MarkedText(**db, *options) << std::flush;
  return ToInt(ExitCodeForVerify(report->Matches()));
}

}  // namespace

void RegisterVerifyCommand(CLI::App& app, Action* chosen) {
  auto* cmd = app.add_subcommand(
      "verify", Tr("Check that the destination holds exactly what the source has, per year."));
  auto f = std::make_shared<VerifyFlags>();
  cmd->add_option("--streams", f->streams,
                  TrFormat("Streams to check: {} (comma-separated) or all (default: those of the "
                           "newest run)",
                           KnownStreams()));
  cmd->add_option("--db", f->db, Tr("Destination (default $DATABASE_URL, else sqlite:gazelle.db)"));
  cmd->add_option("--api", f->api, ApiOptionHelp());
  cmd->add_option("--token-file", f->token_file, Tr("OAuth token file"))->capture_default_str();
  cmd->add_option("--api-key", f->api_key, Tr("Short API key instead of OAuth"));
  cmd->add_option("--years", f->years,
                  Tr("Years to check: 2016-2025, 2024, or 2016,2018 (default: the last run's)"));
  cmd->add_option("--month", f->month, Tr("Check one month only, e.g. 2024-03"));
  cmd->add_flag("--list-missing", f->list_missing,
                Tr("Name the missing ids of each month that differs (pages the source)"));
  cmd->add_option("--tz", f->tz, Tr("Time zone of the year and month boundaries"))
      ->capture_default_str();
  cmd->callback([chosen, f] { *chosen = [f] { return Execute(*f); }; });
}

}  // namespace gb::cli
