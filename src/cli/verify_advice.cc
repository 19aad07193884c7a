#include "cli/verify_advice.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/redact.h"
#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb::cli {
namespace {

// The years where the destination holds fewer rows than the source, or more.
std::vector<int> YearsWhere(const VerifyReport& r, bool fewer) {
  std::set<int> years;
  for (const auto& group : {r.years, r.months}) {
    for (const PeriodCheck& p : group) {
      if (fewer ? p.destination < p.source : p.destination > p.source) years.insert(p.year);
    }
  }
  return {years.begin(), years.end()};
}

// The newest run's years, when they cover `years` and it read the same source.
std::optional<nlohmann::json> CoveringRun(const std::vector<int>& years, const AdviceContext& c) {
  if (!c.run_params) return std::nullopt;
  auto params = nlohmann::json::parse(*c.run_params, nullptr, false);
  if (!params.is_object() || !params["years"].is_array()) return std::nullopt;
  std::set<int> covered;
  for (const auto& y : params["years"]) {
    if (y.is_number_integer()) covered.insert(y.get<int>());
  }
  const std::string source = params.value("source", "");
  const bool same_api = source == "Gazelle API at " + RedactUrl(c.api_url);
  if (!same_api && !source.starts_with("file ")) return std::nullopt;
  if (!std::all_of(years.begin(), years.end(), [&](int y) { return covered.contains(y); })) {
    return std::nullopt;
  }
  return params;
}

std::string RunCommand(const std::vector<int>& years, const AdviceContext& c) {
  std::string cmd = ShellWord(c.program) + " run";
  auto run = CoveringRun(years, c);
  std::vector<int> load = years;
  std::string tz = c.tz;
  if (run) {
    load.clear();
    for (const auto& y : (*run)["years"]) load.push_back(y.get<int>());
    tz = run->value("tz", std::string("UTC"));
  }
  cmd += " --years " + YearsFlag(load);
  if (tz != "UTC") cmd += " --tz " + ShellWord(tz);
  if (run && run->value("legacy_types", false)) cmd += " --legacy-types";
  if (run && run->contains("streams") && (*run)["streams"].is_array()) {
    std::vector<std::string> streams;
    for (const auto& name : (*run)["streams"]) {
      if (name.is_string()) streams.push_back(name.get<std::string>());
    }
    cmd += " --streams " + ShellWord(fmt::format("{}", fmt::join(streams, ",")));
  }
  if (run && (*run)["truncate"].is_array() && (*run)["truncate"].size() == 2) {
    cmd += fmt::format(" --truncate {},{}", (*run)["truncate"][0].dump(),
                       (*run)["truncate"][1].dump());
  }
  const std::string source = run ? run->value("source", "") : "";
  if (source.starts_with("file ")) {
    cmd += " --from-file " + ShellWord(source.substr(5));
  } else {
    if (c.api_given) cmd += " --api " + ShellWord(RedactUrl(c.api_url));
    if (!c.token_file.empty()) cmd += " --token-file " + ShellWord(c.token_file);
  }
  if (!c.db.empty()) cmd += " --db " + ShellWord(RedactUrl(c.db));
  return cmd;
}

}  // namespace

std::string YearsFlag(const std::vector<int>& years) {
  if (years.empty()) return "";
  if (years.size() == 1) return std::to_string(years.front());
  if (years.back() - years.front() + 1 == static_cast<int>(years.size())) {
    return fmt::format("{}-{}", years.front(), years.back());
  }
  return fmt::format("{}", fmt::join(years, ","));
}

std::string ShellWord(const std::string& text) {
  const bool plain = !text.empty() && text.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789_./:@%+=,-") == std::string::npos;
  if (plain) return text;
  std::string out = "'";
  for (char ch : text) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

std::string VerifyAdvice(const VerifyReport& report, const AdviceContext& context) {
  if (report.Matches()) return {};
  const std::vector<int> fewer = YearsWhere(report, true);
  const std::vector<int> more = YearsWhere(report, false);
  std::string out;
  if (!fewer.empty()) {
    out += TrFormat(
               "The destination lacks entries of {}. This command loads them (a finished "
               "run that no longer matches the source is resumed for them):",
               YearsFlag(fewer)) +
           "\n  " + RunCommand(fewer, context) + "\n";
  }
  if (!more.empty()) {
    out += TrFormat(
               "The destination holds rows of {} that the source no longer has (deleted "
               "at the source?); they are kept: --list-missing names them.",
               YearsFlag(more)) +
           "\n";
  }
  if (out.empty()) out = Tr("Differences found: see above.") + "\n";
  return out;
}

std::string UnlinkedAdvice(const VerifyReport& report, const AdviceContext& context) {
  if (report.unlinked == 0) return {};
  std::vector<int> years;
  for (const PeriodCheck& p : report.years) years.push_back(p.year);
  return TrFormat(
             "{} entries have a link nulled: the user, client, piano, invoice or estimate they "
             "point at is not in the destination (the original id is kept in "
             "metadata.unresolved_<link>_id, e.g. unresolved_client_id). Once those rows exist "
             "in the source (or, for users, in the --users-file of a dump), this command gives "
             "the links back:",
             FormatCount(report.unlinked)) +
         "\n  " + RunCommand(years, context) + "\n";
}

}  // namespace gb::cli
