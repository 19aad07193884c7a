#include "sink/postgres/pg_auditor.h"

#include <unistd.h>

#include <cstdlib>

#include "sink/postgres/copy_text.h"
#include "sink/postgres/pg_exposure.h"
#include "sink/sql_identifier.h"
#include "sql/postgres.h"

namespace gb {
namespace {

namespace q = sql::postgres;

constexpr int kMinimumVersion = 110000;  // hashtextextended (the rerun probe's digest)
constexpr int kCollationVersionSince = 150000;
constexpr int kPoolerRounds = 3;

void Add(AuditReport& report, FindingId id, Severity severity, std::vector<std::string> values = {},
         std::vector<std::string> statements = {}) {
  report.findings.push_back(
      Finding{id, severity, std::move(values), std::nullopt, std::move(statements)});
}

void Failed(AuditReport& report, std::string_view what, const Error& error) {
  Add(report, FindingId::kCheckFailed, Severity::kProblem, {std::string(what), error.message});
}

bool IsLocal(const PgSessionInfo& info) {
  return info.unix_socket || info.host == "localhost" || info.host.rfind("127.", 0) == 0 ||
         info.host == "::1";
}

// libpq's reason alone: without ConnectError's prefix and advice, first line only.
std::string FirstLine(std::string message) {
  constexpr std::string_view kPrefix = "cannot connect to PostgreSQL: ";
  if (message.rfind(kPrefix, 0) == 0) message.erase(0, kPrefix.size());
  message = message.substr(0, message.find('\n'));
  if (size_t hint = message.find(" (sslmode=verify-full checks"); hint != std::string::npos) {
    message.erase(hint);
  }
  return message;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::vector<std::string> Column(const PgResult& res) {
  std::vector<std::string> out;
  for (int i = 0; i < res.rows(); ++i) out.emplace_back(res.Text(i, 0));
  return out;
}

}  // namespace

AuditReport PgAuditor::Audit(const AuditOptions& options) {
  AuditReport report;
  report.destination = described_;
  auto conn = PgConnection::Open(url_);
  if (!conn) {
    report.reachable = false;
    report.unreachable_kind = conn.error().kind;
    Add(report, FindingId::kUnreachable, Severity::kProblem, {described_, conn.error().message});
    return report;
  }
  auto res = (*conn)->Exec("reading the server's settings", q::kDoctorServer);
  if (!res || res->rows() == 0) {
    Failed(report, "the server's settings",
           res ? Error{ErrorKind::kInternal, "no row", ""} : res.error());
    return report;
  }
  auto text = [&](int col) { return std::string(res->Text(0, col)); };
  Server server{text(0),         text(1),         text(2),        text(3),
                text(4),         text(5),         res->Int(0, 6), res->Int(0, 7),
                res->Int(0, 10), res->Bool(0, 8), res->Bool(0, 9)};
  CheckConnection(**conn, server, report);
  CheckPooler(**conn, server, report);
  Add(report, FindingId::kRole, Severity::kNote,
      {server.role, server.superuser ? "superuser" : "", server.bypassrls ? "bypassrls" : ""});
  CheckSchemaRights(**conn, server, report);
  CheckTableRights(**conn, server, report);
  CheckExposure(**conn, options, server, report);
  CheckText(**conn, server, report);
  return report;
}

void PgAuditor::CheckConnection(PgConnection& conn, const Server& server, AuditReport& report) {
  const PgSessionInfo info = conn.Info();
  Add(report, FindingId::kReachable, Severity::kOk, {described_, server.database, server.role});
  if (info.server_version < kMinimumVersion) {
    Add(report, FindingId::kServerTooOld, Severity::kProblem, {server.version, "11"});
  } else {
    Add(report, FindingId::kServerVersion, Severity::kOk, {server.version});
  }
  if (info.tls) {
    Add(report, FindingId::kTlsInUse, Severity::kOk, {info.tls_protocol, info.tls_cipher});
  } else if (IsLocal(info)) {
    Add(report, FindingId::kTlsOffLocal, Severity::kOk, {info.host});
  } else {
    Add(report, FindingId::kTlsOff, Severity::kWarning, {info.host});
  }
  if (info.tls || !IsLocal(info)) CheckVerifyFull(info, report);
}

// Would the server's certificate verify? Without the CA's certificate, no
// (the usual case with a hosted database); with it, tried with a second
// connection that asks for verify-full.
void PgAuditor::CheckVerifyFull(const PgSessionInfo& info, AuditReport& report) {
  if (info.sslmode == "verify-full") {
    Add(report, FindingId::kVerifyFullInUse, Severity::kOk);
    return;
  }
  std::string ca = info.sslrootcert;
  if (ca.empty()) {
    const char* home = std::getenv("HOME");
    ca = std::string(home ? home : "") + "/.postgresql/root.crt";
  }
  if (access(ca.c_str(), R_OK) != 0) {
    Add(report, FindingId::kVerifyFullNoCa, Severity::kNote, {ca});
    return;
  }
  auto verified = PgConnection::Open(url_, {{"sslmode", "verify-full"}});
  if (verified) {
    Add(report, FindingId::kVerifyFullPossible, Severity::kNote);
  } else {
    Add(report, FindingId::kVerifyFullImpossible, Severity::kNote,
        {FirstLine(verified.error().message)});
  }
}

void PgAuditor::CheckPooler(PgConnection& conn, const Server& server, AuditReport& report) {
  const PgSessionInfo info = conn.Info();
  auto shared = SharesServerProcesses(conn);
  if (!shared) {
    Failed(report, "for a transaction pooler", shared.error());
    return;
  }
  if (*shared) {
    Add(report, FindingId::kTransactionPooler, Severity::kOk, {info.port});
    return;
  }
  Add(report, FindingId::kDirectConnection, Severity::kOk,
      {info.port, std::to_string(server.max_connections), std::to_string(server.connections)});
  if (!info.unix_socket && server.listen_port != 0 &&
      info.port != std::to_string(server.listen_port)) {
    Add(report, FindingId::kProxy, Severity::kNote,
        {info.port, std::to_string(server.listen_port)});
  }
}

// A transaction pooler hands each transaction to a free server process: a
// second connection is then served by the process that served the first
// one's last transaction, or the first one moves to another process while
// the second holds a transaction open. Directly, each keeps its own.
Result<bool> PgAuditor::SharesServerProcesses(PgConnection& a) {
  auto b = PgConnection::Open(url_);
  if (!b) return tl::unexpected(b.error());
  auto pid = [](PgConnection& c) -> Result<int64_t> {
    auto res = c.Exec("asking for the server process", q::kDoctorBackendPid);
    if (!res) return tl::unexpected(res.error());
    return res->Int(0, 0);
  };
  for (int round = 0; round < kPoolerRounds; ++round) {
    auto a1 = pid(a);
    if (!a1) return tl::unexpected(a1.error());
    if (auto s = (*b)->Simple("asking for the server process", std::string(q::kBegin)); !s) {
      return tl::unexpected(s.error());
    }
    auto b1 = pid(**b);
    auto a2 = pid(a);
    if (auto s = (*b)->Simple("asking for the server process", std::string(q::kCommit)); !s) {
      return tl::unexpected(s.error());
    }
    if (!b1) return tl::unexpected(b1.error());
    if (!a2) return tl::unexpected(a2.error());
    if (*b1 == *a1 || *a2 != *a1) return true;
  }
  return false;
}

void PgAuditor::CheckSchemaRights(PgConnection& conn, const Server& server, AuditReport& report) {
  const std::string schema(kBookkeepingSchema);
  auto res = conn.Exec("reading the role's rights", q::kDoctorSchemaRights, {schema});
  if (!res) return Failed(report, "the role's rights on schemas", res.error());
  const bool create_in_db = res->Bool(0, 0), exists = res->Bool(0, 1);
  const bool usage = res->Bool(0, 2), create = res->Bool(0, 3);
  const IdentifierValues names = {{"schema", schema}, {"role", server.role}};
  if (exists && usage && create) {
    Add(report, FindingId::kSchemaUsable, Severity::kOk, {schema, server.role});
  } else if (exists) {
    std::vector<std::string> missing;
    if (!usage) missing.push_back("USAGE");
    if (!create) missing.push_back("CREATE");
    Add(report, FindingId::kSchemaNotUsable, Severity::kProblem,
        {schema, server.role, Join(missing)}, {BindIdentifiers(q::kDoctorGrantSchema, names)});
  } else if (create_in_db) {
    Add(report, FindingId::kSchemaCreatable, Severity::kOk, {schema, server.role});
  } else {
    Add(report, FindingId::kSchemaNotCreatable, Severity::kProblem,
        {schema, server.role, server.database},
        {BindIdentifiers(q::kDoctorCreateSchema, names),
         BindIdentifiers(q::kDoctorGrantCreateOnDatabase,
                         {{"database", server.database}, {"role", server.role}})});
  }
  CheckDataTablesPlace(conn, std::string(res->Text(0, 4)), res->Bool(0, 5), server, report);
}

// The data tables go to the first schema of the search_path when missing.
void PgAuditor::CheckDataTablesPlace(PgConnection& conn, const std::string& schema, bool create,
                                     const Server& server, AuditReport& report) {
  std::vector<std::string> data(kDataTables.begin(), kDataTables.end());
  auto res = conn.Exec("looking for the data tables", q::kExistingTables, {TextArrayLiteral(data)});
  if (!res) return Failed(report, "the data tables", res.error());
  std::vector<std::string> missing;
  for (const auto& table : data) {
    bool found = false;
    for (const auto& t : Column(*res)) found |= t == table;
    if (!found) missing.push_back(table);
  }
  if (missing.empty()) return;
  if (schema.empty()) {
    Add(report, FindingId::kNoSchemaOnSearchPath, Severity::kProblem, {server.role});
  } else if (create) {
    Add(report, FindingId::kTablesCreatable, Severity::kOk, {schema, server.role});
  } else {
    Add(report, FindingId::kTablesNotCreatable, Severity::kProblem,
        {schema, server.role, Join(missing)},
        {BindIdentifiers(q::kDoctorGrantCreateOnSchema,
                         {{"schema", schema}, {"role", server.role}})});
  }
}

void PgAuditor::CheckTableRights(PgConnection& conn, const Server& server, AuditReport& report) {
  auto res = conn.Exec("reading the role's rights", q::kDoctorTableRights,
                       {TextArrayLiteral(AuditedTables())});
  if (!res) return Failed(report, "the role's rights on the tables", res.error());
  const size_t problems = report.findings.size();
  for (int i = 0; i < res->rows(); ++i) {
    const std::string schema(res->Text(i, 0)), name(res->Text(i, 1)), owner(res->Text(i, 2));
    const std::string table = schema + "." + name;
    const bool owned = res->Bool(i, 3);
    std::vector<std::string> missing;
    for (auto [col, privilege] :
         {std::pair{4, "SELECT"}, {5, "INSERT"}, {6, "UPDATE"}, {7, "DELETE"}}) {
      if (!res->Bool(i, col)) missing.push_back(privilege);
    }
    if (!missing.empty()) {
      Add(report, FindingId::kTableNotWritable, Severity::kProblem,
          {table, server.role, Join(missing), owner},
          {BindIdentifiers(q::kDoctorGrantTable,
                           {{"schema", schema}, {"table", name}, {"role", server.role}})});
    }
    const bool bypass = server.superuser || server.bypassrls || (owned && !res->Bool(i, 9));
    if (res->Bool(i, 8) && !bypass) {
      Add(report, FindingId::kRowSecurityHides, Severity::kProblem, {table, server.role, owner});
    }
    if (table.rfind("public.gb_", 0) == 0 && !owned) {
      Add(report, FindingId::kLegacyNotOwned, Severity::kProblem,
          {table, owner, std::string(kBookkeepingSchema)});
    }
  }
  if (report.findings.size() == problems && res->rows() > 0) {
    Add(report, FindingId::kTablesWritable, Severity::kOk,
        {server.role, std::to_string(res->rows())});
  }
  CheckLegacyBookkeeping(conn, report);
}

void PgAuditor::CheckLegacyBookkeeping(PgConnection& conn, AuditReport& report) {
  auto legacy = conn.Exec("looking for an earlier version's tables", q::kLegacyBookkeeping,
                          {TextArrayLiteral(kBookkeepingTables)});
  if (!legacy) return Failed(report, "an earlier version's tables", legacy.error());
  if (legacy->rows() > 0) {
    Add(report, FindingId::kLegacyBookkeeping, Severity::kNote,
        {Join(Column(*legacy)), std::string(kBookkeepingSchema)});
  }
}

void PgAuditor::CheckExposure(PgConnection& conn, const AuditOptions& options, const Server& server,
                              AuditReport& report) {
  PgExposure exposure(&conn);
  auto roles = exposure.ApiRoles();
  if (!roles) return Failed(report, "the API roles", roles.error());
  if (roles->empty()) return Add(report, FindingId::kNoApiRoles, Severity::kOk);
  auto defaults = conn.Exec("reading the default privileges", q::kDoctorDefaultPrivileges,
                            {TextArrayLiteral(*roles)});
  if (!defaults) return Failed(report, "the default privileges", defaults.error());
  if (defaults->rows() > 0) {
    Add(report, FindingId::kDefaultPrivileges, Severity::kNote,
        {Join(Column(*defaults)), server.role});
  }
  std::vector<TableExposure> closed;
  if (options.fix) {
    auto done = CloseExposed(conn);
    if (!done) return Failed(report, "closing the exposed tables", done.error());
    closed = std::move(*done);
  }
  for (auto& e : closed)
    report.findings.push_back(Finding{FindingId::kClosed, Severity::kOk, {}, e, {}});
  auto exposed = exposure.Exposed(AuditedTables());
  if (!exposed) return Failed(report, "the tables open to the API roles", exposed.error());
  for (auto& e : *exposed) {
    report.findings.push_back(Finding{FindingId::kExposed, Severity::kProblem, {}, e, {}});
  }
  if (exposed->empty() && closed.empty()) {
    Add(report, FindingId::kNothingExposed, Severity::kOk, {Join(*roles)});
  }
}

// doctor --fix: what is exposed now, closed in one transaction under the
// lock the loader takes to create its tables.
Result<std::vector<TableExposure>> PgAuditor::CloseExposed(PgConnection& conn) {
  const char* doing = "closing the exposed tables";
  if (auto s = conn.Simple(doing, std::string(q::kBegin)); !s) return tl::unexpected(s.error());
  auto body = [&]() -> Result<std::vector<TableExposure>> {
    if (auto s = conn.Exec(doing, q::kLockSchema); !s) return tl::unexpected(s.error());
    PgExposure exposure(&conn);
    auto exposed = exposure.Exposed(AuditedTables());
    if (!exposed) return exposed;
    for (auto& e : *exposed) {
      if (auto s = exposure.Apply(doing, e.fix); !s) return tl::unexpected(s.error());
      e.closed = true;
    }
    return exposed;
  };
  auto closed = body();
  if (!closed) {
    (void)conn.Simple(doing, std::string(q::kRollback));
    return closed;
  }
  if (auto s = conn.Simple(doing, std::string(q::kCommit)); !s) return tl::unexpected(s.error());
  return closed;
}

void PgAuditor::CheckText(PgConnection& conn, const Server& server, AuditReport& report) {
  if (server.encoding == "UTF8") {
    Add(report, FindingId::kEncoding, Severity::kOk, {server.encoding});
  } else {
    Add(report, FindingId::kEncodingNotUtf8, Severity::kProblem,
        {server.encoding, server.database});
  }
  Add(report, FindingId::kCollation, Severity::kNote, {server.collate, server.ctype});
  if (conn.Info().server_version < kCollationVersionSince) return;
  auto res = conn.Exec("reading the collation version", q::kDoctorCollationVersion);
  if (!res) return Failed(report, "the collation version", res.error());
  const std::string recorded(res->Text(0, 0)), actual(res->Text(0, 1));
  if (recorded.empty() || actual.empty() || recorded == actual) return;
  Add(report, FindingId::kCollationVersionMismatch, Severity::kWarning, {recorded, actual},
      {BindIdentifiers(q::kDoctorReindexDatabase, {{"database", server.database}}),
       BindIdentifiers(q::kDoctorRefreshCollationVersion, {{"database", server.database}})});
}

}  // namespace gb
