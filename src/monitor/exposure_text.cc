#include "monitor/exposure_text.h"

#include <algorithm>

#include "monitor/i18n.h"

namespace gb {
namespace {

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

bool AnyoneWithTheKey(const TableExposure& e) {
  return std::any_of(e.roles.begin(), e.roles.end(),
                     [](const std::string& r) { return r == "anon" || r == "PUBLIC"; });
}

}  // namespace

std::string ExposureText(const TableExposure& e) {
  const std::string who = AnyoneWithTheKey(e)
                              ? Tr("anyone with the project's public anon key can read and "
                                   "change its rows")
                              : Tr("any signed-in user of the project can read and change its "
                                   "rows");
  if (e.closed) {
    return TrFormat(
        "{} was open to the API ({} held {} on it, row level security off); it is "
        "closed now.",
        e.table, JoinList(e.roles), JoinList(e.privileges));
  }
  return TrFormat("{} is open to the API: row level security is off and {} hold {} on it — {}.",
                  e.table, JoinList(e.roles), JoinList(e.privileges), who);
}

std::string ExposureFixIntro(const TableExposure& e) {
  if (e.closed) return Tr("Closed with:");
  return Tr(
      "Close it with these statements (or rerun with --close-exposed-tables, or run "
      "gazelle-backfill doctor --fix):");
}

std::vector<std::string> ExposureLines(const TableExposure& e) {
  std::vector<std::string> lines = {ExposureText(e), "  " + ExposureFixIntro(e)};
  for (const auto& statement : e.fix) lines.push_back("    " + statement + ";");
  return lines;
}

nlohmann::json ExposureJson(const TableExposure& e) {
  return {{"table", e.table},
          {"row_security", e.row_security},
          {"roles", e.roles},
          {"privileges", e.privileges},
          {"fix", e.fix},
          {"closed", e.closed},
          {"text", ExposureText(e)},
          {"fix_intro", ExposureFixIntro(e)}};
}

std::string FixScript(const std::vector<std::string>& statements) {
  std::string out;
  for (const auto& s : statements) out += s + ";\n";
  return out;
}

std::string MovedTablesText(const std::string& schema, const std::vector<std::string>& tables) {
  return TrFormat(
      "Upgrade: the bookkeeping tables {} moved from public into the schema {}, with their data "
      "(an unfinished run resumes); the Supabase API does not serve that schema.",
      JoinList(tables), schema);
}

}  // namespace gb
