// One libpq connection, with errors classified once (sqlstate.h) and every
// statement sent unnamed (PQexecParams / simple query): no session state and
// no named prepared statements, so it works through pgbouncer in transaction
// pooling mode.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace gb {

// A statement parameter in text format; nullopt is SQL NULL.
using PgParam = std::optional<std::string>;

class PgResult {
 public:
  explicit PgResult(PGresult* res) : res_(res, &PQclear) {}
  int rows() const { return PQntuples(res_.get()); }
  bool IsNull(int row, int col) const { return PQgetisnull(res_.get(), row, col) != 0; }
  std::string_view Text(int row, int col) const;
  int64_t Int(int row, int col) const;
  bool Bool(int row, int col) const { return Text(row, col) == "t"; }
  // Rows an INSERT, UPDATE or DELETE touched.
  int64_t Affected() const {
    const char* n = PQcmdTuples(res_.get());
    return n != nullptr && *n != '\0' ? std::stoll(n) : 0;
  }
  ExecStatusType status() const { return PQresultStatus(res_.get()); }
  const PGresult* get() const { return res_.get(); }

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> res_;
};

// What libpq knows of an open connection (for doctor).
struct PgSessionInfo {
  std::string host;  // as connected: a name, an address, or a unix socket directory
  std::string port;
  std::string user;
  std::string database;
  bool unix_socket = false;
  bool tls = false;
  std::string tls_protocol;  // "TLSv1.3"
  std::string tls_cipher;
  std::string sslmode;      // as requested ("prefer" when the URL says nothing)
  std::string sslrootcert;  // as requested (URL or PGSSLROOTCERT); "" = libpq's default file
  int server_version = 0;   // 150004 for 15.4
  int backend_pid = 0;
};

// Connection parameters that override the URL's (keyword, value).
using PgOverrides = std::vector<std::pair<std::string, std::string>>;

class PgConnection {
 public:
  // Opens `url` (connect_timeout 10 s and application_name unless the URL
  // says otherwise; `overrides` win over the URL).
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& url,
                                                    const PgOverrides& overrides = {});
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // One statement with bound parameters; `doing` names the action in errors.
  Result<PgResult> Exec(std::string_view doing, std::string_view sql,
                        const std::vector<PgParam>& params = {});
  // Statements without parameters, possibly several separated by ';' (one round trip).
  Status Simple(std::string_view doing, const std::string& sql);
  // COPY ... FROM STDIN with `data` already in COPY text format.
  Status CopyIn(std::string_view doing, const std::string& copy_sql, std::string_view data);
  // Statements (without parameters) sent only before the next command: in the
  // same round trip when that is Simple(), alone before Exec() and CopyIn().
  // A far database pays a round trip per message; BEGIN needs none of its own.
  void Defer(std::string_view sql);

  // True once the connection is unusable (the engine then opens another session).
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  PgSessionInfo Info() const;

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  Error ResultError(std::string_view doing, const PGresult* res) const;
  // Sends the deferred statements alone (before a command that cannot carry them).
  Status SendDeferred(std::string_view doing);
  PGconn* conn_;
  std::string deferred_;
};

// Classifies a failure to connect (no SQLSTATE is available then).
Error ConnectError(std::string_view message);

}  // namespace gb
