// `doctor`: an audit of a destination a user runs before the first load, read
// only unless asked to close the exposed tables. The sink finds facts and
// names them (a FindingId and its values); monitor/doctor_report puts them
// into words, with what to do, in the user's language.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/table_exposure.h"

namespace gb {

enum class Severity {
  kOk,       // as it should be
  kNote,     // worth knowing, nothing to do
  kWarning,  // works, but should change (TLS off over a network, ...)
  kProblem,  // must change before loading (doctor exits kDoctorProblems)
};

// One finding each; its values (Finding::values) in the order listed.
enum class FindingId {
  kReachable,                 // destination, database, role
  kUnreachable,               // destination, error
  kServerVersion,             // version
  kServerTooOld,              // version, minimum
  kTlsInUse,                  // protocol, cipher
  kTlsOffLocal,               // host
  kTlsOff,                    // host
  kVerifyFullInUse,           //
  kVerifyFullPossible,        //
  kVerifyFullNoCa,            // the CA file libpq would read (missing)
  kVerifyFullImpossible,      // why (libpq's first line)
  kTransactionPooler,         // port
  kDirectConnection,          // port, max_connections, connections in use
  kProxy,                     // port connected to, port the server listens on
  kRole,                      // role, "superuser" or "", "bypassrls" or ""
  kSchemaUsable,              // schema, role
  kSchemaCreatable,           // schema, role
  kSchemaNotUsable,           // schema, role, missing privileges (+ statements)
  kSchemaNotCreatable,        // schema, role, database (+ statements)
  kTablesCreatable,           // schema, role
  kTablesNotCreatable,        // schema, role, missing tables (+ statements)
  kNoSchemaOnSearchPath,      // role
  kTablesWritable,            // role, number of existing tables
  kTableNotWritable,          // table, role, missing privileges, owner (+ statements)
  kRowSecurityHides,          // table, role, owner
  kLegacyNotOwned,            // table, owner, schema
  kLegacyBookkeeping,         // tables, schema
  kDefaultPrivileges,         // roles, schema
  kNoApiRoles,                //
  kNothingExposed,            // roles
  kExposed,                   // (Finding::exposure)
  kClosed,                    // (Finding::exposure, closed)
  kEncoding,                  // encoding
  kEncodingNotUtf8,           // encoding, database
  kCollation,                 // collate, ctype
  kCollationVersionMismatch,  // recorded, actual (+ statements)
  kSqliteFile,                // path
  kSqliteNewFile,             // path, directory
  kSqliteNotWritable,         // path, error
  kSqliteNotDatabase,         // path, error
  kSqliteReadableByOthers,    // path, mode (octal)
  kSqliteVersion,             // version
  kSqliteNoApi,               //
  kCheckFailed,               // what was being checked, error
};

struct Finding {
  FindingId id = FindingId::kReachable;
  Severity severity = Severity::kOk;
  std::vector<std::string> values;
  std::optional<TableExposure> exposure;  // kExposed, kClosed
  // SQL that fixes it, for the user to run (doctor shows it, never runs it;
  // an exposure's own fix is in `exposure`).
  std::vector<std::string> statements;
};

struct AuditReport {
  std::string destination;  // password removed
  std::vector<Finding> findings;
  bool reachable = true;
  ErrorKind unreachable_kind = ErrorKind::kTransient;  // why not, when !reachable

  bool HasProblems() const;
};

struct AuditOptions {
  // doctor --fix: close the exposed tables first (one transaction), then audit.
  bool fix = false;
};

class DestinationAuditor {
 public:
  virtual ~DestinationAuditor() = default;
  // Never fails: a destination that cannot be reached is a finding.
  virtual AuditReport Audit(const AuditOptions& options) = 0;
};

// For the same URLs as OpenDestination.
Result<std::unique_ptr<DestinationAuditor>> OpenAuditor(const std::string& url);

}  // namespace gb
