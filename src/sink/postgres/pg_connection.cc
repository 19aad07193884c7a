#include "sink/postgres/pg_connection.h"

#include <charconv>

#include "core/redact.h"
#include "sink/sqlstate.h"

namespace gb {
namespace {

void IgnoreNotice(void*, const char*) {}  // NOTICEs (e.g. "already exists") are not errors

}  // namespace

std::string_view PgResult::Text(int row, int col) const {
  return {PQgetvalue(res_.get(), row, col), static_cast<size_t>(PQgetlength(res_.get(), row, col))};
}

int64_t PgResult::Int(int row, int col) const {
  std::string_view t = Text(row, col);
  int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

Error ConnectError(std::string_view message) {
  std::string msg(message);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  ErrorKind kind = ErrorKind::kTransient;  // refused, reset, timeout: the server may come back
  if (msg.find("certificate") != std::string::npos || msg.find("root.crt") != std::string::npos) {
    // TLS verification failed: retrying cannot help, the URL or the CA must change.
    kind = ErrorKind::kConfig;
    msg +=
        " (sslmode=verify-full checks the server's certificate: give the CA that signed it with "
        "sslrootcert=PATH in the URL, and use the host name the certificate names)";
  } else if (msg.find("password authentication failed") != std::string::npos ||
             msg.find("no pg_hba.conf entry") != std::string::npos ||
             msg.find("authentication") != std::string::npos) {
    kind = ErrorKind::kAuth;
  } else if (msg.find("does not exist") != std::string::npos ||
             msg.find("invalid") != std::string::npos ||
             msg.find("could not translate host name") != std::string::npos) {
    kind = ErrorKind::kConfig;
  }
  return Error{kind, RedactSecrets("cannot connect to PostgreSQL: " + msg), ""};
}

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url,
                                                         const PgOverrides& overrides) {
  // Defaults first: with expand_dbname, values from the URL processed later
  // win, and the overrides after it win over the URL.
  std::vector<const char*> keys = {"connect_timeout", "application_name", "dbname"};
  std::vector<const char*> values = {"10", "gazelle-backfill", url.c_str()};
  for (const auto& [key, value] : overrides) {
    keys.push_back(key.c_str());
    values.push_back(value.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn = PQconnectdbParams(keys.data(), values.data(), 1);
  if (conn == nullptr) return tl::unexpected(ConnectError("out of memory"));
  if (PQstatus(conn) != CONNECTION_OK) {
    Error err = ConnectError(PQerrorMessage(conn));
    PQfinish(conn);
    return tl::unexpected(std::move(err));
  }
  PQsetNoticeProcessor(conn, &IgnoreNotice, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(conn));
}

PgConnection::~PgConnection() { PQfinish(conn_); }

PgSessionInfo PgConnection::Info() const {
  auto text = [](const char* value) { return std::string(value ? value : ""); };
  PgSessionInfo info;
  info.host = text(PQhost(conn_));
  info.port = text(PQport(conn_));
  info.user = text(PQuser(conn_));
  info.database = text(PQdb(conn_));
  info.unix_socket = !info.host.empty() && info.host.front() == '/';
  info.tls = PQsslInUse(conn_) != 0;
  if (info.tls) {
    info.tls_protocol = text(PQsslAttribute(conn_, "protocol"));
    info.tls_cipher = text(PQsslAttribute(conn_, "cipher"));
  }
  if (PQconninfoOption* opts = PQconninfo(conn_)) {
    for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
      if (std::string_view(o->keyword) == "sslmode") info.sslmode = text(o->val);
      if (std::string_view(o->keyword) == "sslrootcert") info.sslrootcert = text(o->val);
    }
    PQconninfoFree(opts);
  }
  info.server_version = PQserverVersion(conn_);
  info.backend_pid = PQbackendPID(conn_);
  return info;
}

Error PgConnection::ResultError(std::string_view doing, const PGresult* res) const {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : nullptr;
  const char* constraint = res ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  const char* column = res ? PQresultErrorField(res, PG_DIAG_COLUMN_NAME) : nullptr;
  std::string message = primary ? primary : PQerrorMessage(conn_);
  if (detail) message += std::string(" (") + detail + ")";
  Error error = SqlError(doing, state ? state : "", message);
  if (error.kind == ErrorKind::kData) {
    error.violation =
        ClassifyViolation(error.code, constraint ? constraint : "", column ? column : "");
  }
  return error;
}

Result<PgResult> PgConnection::Exec(std::string_view doing, std::string_view sql,
                                    const std::vector<PgParam>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  if (Status sent = SendDeferred(doing); !sent) return tl::unexpected(sent.error());
  std::string text(sql);
  PgResult res(PQexecParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr,
                            values.data(), nullptr, nullptr, 0));
  if (res.status() != PGRES_COMMAND_OK && res.status() != PGRES_TUPLES_OK) {
    return tl::unexpected(ResultError(doing, res.get()));
  }
  return res;
}

Status PgConnection::Simple(std::string_view doing, const std::string& sql) {
  // PQexec returns the last statement's result; an error stops the batch there.
  std::string text = deferred_.empty() ? sql : deferred_ + ";\n" + sql;
  deferred_.clear();
  PgResult res(PQexec(conn_, text.c_str()));
  if (res.status() != PGRES_COMMAND_OK && res.status() != PGRES_TUPLES_OK) {
    return tl::unexpected(ResultError(doing, res.get()));
  }
  return {};
}

void PgConnection::Defer(std::string_view sql) {
  if (!deferred_.empty()) deferred_ += ";\n";
  deferred_ += sql;
}

Status PgConnection::SendDeferred(std::string_view doing) {
  if (deferred_.empty()) return {};
  std::string text = std::move(deferred_);
  deferred_.clear();
  PgResult res(PQexec(conn_, text.c_str()));
  if (res.status() != PGRES_COMMAND_OK && res.status() != PGRES_TUPLES_OK) {
    return tl::unexpected(ResultError(doing, res.get()));
  }
  return {};
}

Status PgConnection::CopyIn(std::string_view doing, const std::string& copy_sql,
                            std::string_view data) {
  if (Status sent = SendDeferred(doing); !sent) return sent;
  PgResult start(PQexec(conn_, copy_sql.c_str()));
  if (start.status() != PGRES_COPY_IN) return tl::unexpected(ResultError(doing, start.get()));
  bool sent = PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) == 1;
  sent = PQputCopyEnd(conn_, sent ? nullptr : "client failed to send data") == 1 && sent;
  Status status;
  // Drain every result so the connection is ready for the next command.
  while (PGresult* raw = PQgetResult(conn_)) {
    PgResult res(raw);
    if (res.status() != PGRES_COMMAND_OK && status)
      status = tl::unexpected(ResultError(doing, raw));
  }
  if (status && !sent) status = tl::unexpected(ConnectError(PQerrorMessage(conn_)));
  return status;
}

}  // namespace gb
