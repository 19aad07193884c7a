#include "monitor/doctor_report.h"

#include <fmt/args.h>

#include <nlohmann/json.hpp>

#include "monitor/exposure_text.h"
#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb {
namespace {

using nlohmann::json;

// A finding's words: {0}, {1}… are its values, in the order destination_audit.h lists them.
struct Words {
  FindingId id;
  std::string_view name;
  std::string_view text;
  std::string_view advice;  // "" when there is nothing to do
  unsigned counts = 0;      // bit i: value i is a count (grouped as the locale groups digits)
};

constexpr Words kWords[] = {
    {FindingId::kReachable, "reachable", TrNoop("Reachable: {0} (database {1}, role {2})."), ""},
    {FindingId::kUnreachable, "unreachable", TrNoop("Cannot reach {0}: {1}"),
     TrNoop("Check the URL, the network and that the server is up (Supabase: copy the connection "
            "string from the project's Connect dialog).")},
    {FindingId::kServerVersion, "server_version", TrNoop("PostgreSQL {0}."), ""},
    {FindingId::kServerTooOld, "server_too_old",
     TrNoop("PostgreSQL {0} is too old: the tool needs {1} or later."),
     TrNoop("Load into a newer server.")},
    {FindingId::kTlsInUse, "tls_in_use", TrNoop("TLS in use ({0}, {1})."), ""},
    {FindingId::kTlsOffLocal, "tls_off_local",
     TrNoop("No TLS, on a local connection ({0}): nothing crosses the network."), ""},
    {FindingId::kTlsOff, "tls_off",
     TrNoop("No TLS to {0}: the password and the rows cross the network in clear."),
     TrNoop("Add sslmode=require to the URL (better: sslmode=verify-full with the server's CA "
            "certificate).")},
    {FindingId::kVerifyFullInUse, "verify_full_in_use",
     TrNoop("The server's certificate is verified (sslmode=verify-full): no one can stand in "
            "for the server."),
     ""},
    {FindingId::kVerifyFullPossible, "verify_full_possible",
     TrNoop("sslmode=verify-full works with this URL: the server's certificate verifies."),
     TrNoop("Add sslmode=verify-full to the URL so that no one can stand in for the server.")},
    {FindingId::kVerifyFullNoCa, "verify_full_no_ca",
     TrNoop("The server's certificate is not verified: there is no CA certificate to check it "
            "with ({0})."),
     TrNoop("To have it verified, download the CA certificate that signed it (Supabase: the "
            "project's database settings, SSL configuration) and add "
            "sslmode=verify-full&sslrootcert=PATH to the URL.")},
    {FindingId::kVerifyFullImpossible, "verify_full_impossible",
     TrNoop("sslmode=verify-full would fail: {0}"),
     TrNoop("Check that sslrootcert names the CA certificate that signed the server's, and that "
            "the URL's host is a name the server's certificate carries.")},
    {FindingId::kTransactionPooler, "transaction_pooler",
     TrNoop("Through a transaction pooler (port {0}): two connections were served by the same "
            "server process."),
     TrNoop("Nothing to do: the tool keeps no session state across transactions and names no "
            "prepared statement; its streams share the pool, so the pool's size caps how many "
            "commit at once.")},
    {FindingId::kDirectConnection, "direct_connection",
     TrNoop("Direct connection on port {0} (or a session pooler): each connection keeps its own "
            "server process; max_connections is {1}, {2} in use."),
     TrNoop("Each stream holds a connection for the whole run (--concurrency, plus two): keep "
            "them within what is free."),
     0b110},
    {FindingId::kProxy, "proxy",
     TrNoop("Port {0} is not the one the server listens on ({1}): a proxy or a session pooler "
            "stands in between."),
     ""},
    {FindingId::kRole, "role",
     TrNoop("Connected as {0} (superuser: {1}; bypasses row level security: {2})."), ""},
    {FindingId::kSchemaUsable, "schema_usable",
     TrNoop("The schema {0} exists and {1} may use it: the bookkeeping lives there."), ""},
    {FindingId::kSchemaCreatable, "schema_creatable",
     TrNoop("{1} may create the schema {0}: the first run creates it for the bookkeeping."), ""},
    {FindingId::kSchemaNotUsable, "schema_not_usable",
     TrNoop("{1} lacks {2} on the schema {0}, where the bookkeeping lives."),
     TrNoop("Have the schema's owner run:")},
    {FindingId::kSchemaNotCreatable, "schema_not_creatable",
     TrNoop("{1} may not create schemas in the database {2}: the first run must create {0}."),
     TrNoop("Have a role that may run one of:")},
    {FindingId::kTablesCreatable, "tables_creatable",
     TrNoop("{1} may create the data tables in the schema {0}."), ""},
    {FindingId::kTablesNotCreatable, "tables_not_creatable",
     TrNoop("{1} may not create tables in the schema {0}, where the first run must create {2}."),
     TrNoop("Have the schema's owner run:")},
    {FindingId::kNoSchemaOnSearchPath, "no_schema_on_search_path",
     TrNoop("No schema of {0}'s search_path exists: the data tables would have nowhere to go."),
     TrNoop("Set the role's search_path (for example to public), or create the schema.")},
    {FindingId::kTablesWritable, "tables_writable",
     TrNoop("Tables of the tool that exist already, all of which {0} may read and write: {1}."), "",
     0b10},
    {FindingId::kTableNotWritable, "table_not_writable",
     TrNoop("{1} lacks {2} on {0} (owned by {3})."), TrNoop("Have its owner run:")},
    {FindingId::kRowSecurityHides, "row_security_hides",
     TrNoop("Row level security on {0} would hide its rows from {1}, neither its owner ({2}) nor "
            "allowed to bypass it."),
     TrNoop("Load as {2}, or give {1} the BYPASSRLS attribute (Supabase's postgres role has it).")},
    {FindingId::kLegacyNotOwned, "legacy_not_owned",
     TrNoop("The next run must move {0} into the schema {2}, which only its owner ({1}) may do."),
     TrNoop("Run the next load as {1}.")},
    {FindingId::kLegacyBookkeeping, "legacy_bookkeeping",
     TrNoop("An earlier version's bookkeeping is in public ({0}): the next run moves it into the "
            "schema {1}, with its data (an unfinished run resumes)."),
     ""},
    {FindingId::kDefaultPrivileges, "default_privileges",
     TrNoop("Default privileges grant {0} every table {1} creates in public (Supabase's setup): "
            "the tool closes each table it creates (row level security on, those grants "
            "revoked)."),
     ""},
    {FindingId::kNoApiRoles, "no_api_roles",
     TrNoop("No anon or authenticated role: not a Supabase database, nothing here is served by "
            "its API."),
     TrNoop("If PostgREST or another API serves this database under other roles, check what they "
            "may read.")},
    {FindingId::kNothingExposed, "nothing_exposed",
     TrNoop("No table of the tool is open to the API roles ({0})."), ""},
    {FindingId::kExposed, "exposed", "", ""},
    {FindingId::kClosed, "closed", "", ""},
    {FindingId::kEncoding, "encoding", TrNoop("Database encoding {0}."), ""},
    {FindingId::kEncodingNotUtf8, "encoding_not_utf8",
     TrNoop("Database encoding {0}: entries hold any Unicode text, and some would be refused."),
     TrNoop("Load into a database created with ENCODING 'UTF8'.")},
    {FindingId::kCollation, "collation",
     TrNoop("Collation {0}, character type {1}: the tool compares ids byte for byte, any "
            "collation works."),
     ""},
    {FindingId::kCollationVersionMismatch, "collation_version_mismatch",
     TrNoop("The collation changed since the database was created (version {0} recorded, {1} "
            "now): indexes on text may be out of order."),
     TrNoop("Rebuild them, then record the new version:")},
    {FindingId::kSqliteFile, "sqlite_file",
     TrNoop("{0}: a SQLite database this user may read and write."), ""},
    {FindingId::kSqliteNewFile, "sqlite_new_file",
     TrNoop("{0} does not exist yet: the first run creates it in {1}, which this user may write."),
     ""},
    {FindingId::kSqliteNotWritable, "sqlite_not_writable",
     TrNoop("{0} is not readable and writable by this user: {1}."),
     TrNoop("Choose another path, or fix the file's owner or permissions.")},
    {FindingId::kSqliteNotDatabase, "sqlite_not_database",
     TrNoop("{0} is not a SQLite database: {1}."), TrNoop("Choose another path.")},
    {FindingId::kSqliteReadableByOthers, "sqlite_readable_by_others",
     TrNoop("{0} is readable by other users of this machine (mode {1})."),
     TrNoop("Make it yours alone: chmod 600 {0}")},
    {FindingId::kSqliteVersion, "sqlite_version", TrNoop("SQLite {0}."), ""},
    {FindingId::kSqliteNoApi, "sqlite_no_api",
     TrNoop("A SQLite file has no network API, TLS, pooler or roles: nothing is exposed beyond "
            "the file's permissions."),
     ""},
    {FindingId::kCheckFailed, "check_failed", TrNoop("Could not check {0}: {1}"),
     TrNoop("Run doctor again; if it persists, the error says what the server refused.")},
};

// What the sink was checking when a query failed (kCheckFailed's first value).
[[maybe_unused]] constexpr std::string_view kCheckSubjects[] = {
    TrNoop("the server's settings"),
    TrNoop("for a transaction pooler"),
    TrNoop("the role's rights on schemas"),
    TrNoop("the data tables"),
    TrNoop("the role's rights on the tables"),
    TrNoop("an earlier version's tables"),
    TrNoop("the API roles"),
    TrNoop("the default privileges"),
    TrNoop("closing the exposed tables"),
    TrNoop("the tables open to the API roles"),
    TrNoop("the collation version"),
};

const Words& WordsFor(FindingId id) {
  for (const auto& w : kWords) {
    if (w.id == id) return w;
  }
  return kWords[std::size(kWords) - 1];  // kCheckFailed: never reached for a known id
}

// The values as the text shows them: counts grouped, flags in words,
// subjects translated.
std::vector<std::string> ShownValues(const Finding& f, const Words& w) {
  std::vector<std::string> values = f.values;
  for (size_t i = 0; i < values.size(); ++i) {
    if ((w.counts >> i & 1u) != 0 && !values[i].empty()) {
      values[i] = FormatCount(std::stoll(values[i]));
    }
  }
  if (f.id == FindingId::kRole && values.size() == 3) {
    values[1] = values[1].empty() ? Tr("no") : Tr("yes");
    values[2] = values[2].empty() ? Tr("no") : Tr("yes");
  }
  if (f.id == FindingId::kCheckFailed && !values.empty()) values[0] = Tr(values[0]);
  return values;
}

// Tr(msgid) with the values for {0}, {1}…; the English text when a
// translation's placeholders are broken.
std::string Fill(std::string_view msgid, const std::vector<std::string>& values) {
  if (msgid.empty()) return "";
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  for (const auto& v : values) args.push_back(v);
  try {
    return fmt::vformat(Tr(msgid), args);
  } catch (const fmt::format_error&) {
    try {
      return fmt::vformat(msgid, args);
    } catch (const fmt::format_error&) {
      return std::string(msgid);
    }
  }
}

Terminal::Style SeverityStyle(Severity s) {
  switch (s) {
    case Severity::kOk:
      return Terminal::Style::kGreen;
    case Severity::kNote:
      return Terminal::Style::kDim;
    case Severity::kWarning:
      return Terminal::Style::kYellow;
    case Severity::kProblem:
      return Terminal::Style::kRed;
  }
  return Terminal::Style::kDim;
}

const std::vector<std::string>& Statements(const Finding& f) {
  return f.exposure ? f.exposure->fix : f.statements;
}

int CountOf(const AuditReport& report, Severity severity) {
  int n = 0;
  for (const auto& f : report.findings) n += f.severity == severity ? 1 : 0;
  return n;
}

std::string SummaryLine(const AuditReport& report, int exit_code) {
  const int problems = CountOf(report, Severity::kProblem);
  const int warnings = CountOf(report, Severity::kWarning);
  if (problems > 0) {
    return TrFormat(
        "{} problem(s), {} warning(s): fix the problems before the first load (exit "
        "code {}).",
        problems, warnings, exit_code);
  }
  if (warnings > 0) {
    return TrFormat(
        "No problem, {} warning(s): the destination is ready; the warnings say what "
        "would make it safer.",
        warnings);
  }
  return Tr("No problem: the destination is ready for the first load.");
}

}  // namespace

std::string_view FindingName(FindingId id) { return WordsFor(id).name; }

std::string SeverityLabel(Severity severity) {
  switch (severity) {
    case Severity::kOk:
      return Tr("ok");
    case Severity::kNote:
      return Tr("note");
    case Severity::kWarning:
      return Tr("warning");
    case Severity::kProblem:
      return Tr("PROBLEM");
  }
  return "";
}

std::string FindingText(const Finding& f) {
  if (f.exposure) return ExposureText(*f.exposure);
  const Words& w = WordsFor(f.id);
  return Fill(w.text, ShownValues(f, w));
}

std::string FindingAdvice(const Finding& f) {
  if (f.exposure) return ExposureFixIntro(*f.exposure);
  const Words& w = WordsFor(f.id);
  return Fill(w.advice, ShownValues(f, w));
}

std::string FormatDoctorReport(const AuditReport& report, int exit_code, const Terminal& styler) {
  std::string out = TrFormat("gazelle-backfill doctor · {}", report.destination) + "\n";
  for (const auto& f : report.findings) {
    std::string label = PadRight(SeverityLabel(f.severity), 9);
    std::string line = styler.Styled(label, SeverityStyle(f.severity)) + FindingText(f);
    if (std::string advice = FindingAdvice(f); !advice.empty()) line += " → " + advice;
    out += line + "\n";
    for (const auto& s : Statements(f)) out += std::string(11, ' ') + s + ";\n";
  }
  return out + SummaryLine(report, exit_code) + "\n";
}

std::string FormatDoctorJson(const AuditReport& report, int exit_code) {
  json findings = json::array();
  for (const auto& f : report.findings) {
    json j = {{"id", FindingName(f.id)},
              {"severity", f.severity == Severity::kOk        ? "ok"
                           : f.severity == Severity::kNote    ? "note"
                           : f.severity == Severity::kWarning ? "warning"
                                                              : "problem"},
              {"text", FindingText(f)},
              {"advice", FindingAdvice(f)},
              {"values", f.values},
              {"statements", Statements(f)},
              {"exposure", f.exposure ? ExposureJson(*f.exposure) : json(nullptr)}};
    findings.push_back(std::move(j));
  }
  json doc = {{"destination", report.destination},
              {"reachable", report.reachable},
              {"findings", std::move(findings)},
              {"problems", CountOf(report, Severity::kProblem)},
              {"warnings", CountOf(report, Severity::kWarning)},
              {"exit_code", exit_code}};
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace gb
