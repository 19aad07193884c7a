// doctor's findings in words (the sink names them; this says them): one line
// per finding — its severity, what was found and what to do — then the SQL
// that fixes it, if any, one statement per line; the same as one JSON
// document for scripts. Pure: tested as strings.
//
//   ok       Reachable: postgresql://app@db.example.com/prod (database prod, role app).
//   warning  No TLS to db.example.com: … → Add sslmode=require to the URL …
//   PROBLEM  public.users is open to the API: … → Close it with these statements …:
//              ALTER TABLE "public"."users" ENABLE ROW LEVEL SECURITY;
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "monitor/terminal.h"
#include "sink/destination_audit.h"

namespace gb {

// "tls_off", "exposed", ...: a finding's stable name in the JSON document.
std::string_view FindingName(FindingId id);
// "ok", "note", "warning", "PROBLEM" in the user's language.
std::string SeverityLabel(Severity severity);

// What was found, and what to do about it ("" when nothing).
std::string FindingText(const Finding& finding);
std::string FindingAdvice(const Finding& finding);

// The report for a terminal (severities coloured when `styler` may), the
// summary last. Lines end with '\n'.
std::string FormatDoctorReport(const AuditReport& report, int exit_code, const Terminal& styler);
// One JSON document: {destination, reachable, findings: [{id, severity,
// text, advice, values, statements, exposure}], problems, warnings, exit_code}.
std::string FormatDoctorJson(const AuditReport& report, int exit_code);

}  // namespace gb
