// doctor for a PostgreSQL destination: what the first load will meet —
// reachability, server version, TLS (and whether verify-full would work), a
// transaction pooler in between, the role's rights, tables open to the API
// roles (closed here with --fix, in one transaction under the schema lock),
// the encoding and collation. Read only otherwise; every statement unnamed,
// as through a pooler.
#pragma once

#include <memory>
#include <string>

#include "sink/destination_audit.h"
#include "sink/postgres/pg_connection.h"

namespace gb {

class PgAuditor final : public DestinationAuditor {
 public:
  PgAuditor(std::string url, std::string described)
      : url_(std::move(url)), described_(std::move(described)) {}
  AuditReport Audit(const AuditOptions& options) override;

 private:
  // The one-row answer of doctor_server.sql.
  struct Server {
    std::string version, role, database, collate, ctype, encoding;
    int64_t max_connections = 0, connections = 0, listen_port = 0;
    bool superuser = false, bypassrls = false;
  };

  void CheckConnection(PgConnection& conn, const Server& server, AuditReport& report);
  void CheckVerifyFull(const PgSessionInfo& info, AuditReport& report);
  void CheckPooler(PgConnection& conn, const Server& server, AuditReport& report);
  Result<bool> SharesServerProcesses(PgConnection& conn);
  void CheckSchemaRights(PgConnection& conn, const Server& server, AuditReport& report);
  void CheckDataTablesPlace(PgConnection& conn, const std::string& schema, bool create,
                            const Server& server, AuditReport& report);
  void CheckTableRights(PgConnection& conn, const Server& server, AuditReport& report);
  void CheckLegacyBookkeeping(PgConnection& conn, AuditReport& report);
  void CheckExposure(PgConnection& conn, const AuditOptions& options, const Server& server,
                     AuditReport& report);
  Result<std::vector<TableExposure>> CloseExposed(PgConnection& conn);
  void CheckText(PgConnection& conn, const Server& server, AuditReport& report);

  std::string url_;
  std::string described_;
};

}  // namespace gb
