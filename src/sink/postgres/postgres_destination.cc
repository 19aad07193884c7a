#include "sink/postgres/postgres_destination.h"

#include <libpq-fe.h>

#include "core/redact.h"
#include "sink/postgres/pg_connection.h"
#include "sink/postgres/postgres_session.h"

namespace gb {

PostgresDestination::PostgresDestination(std::string url) : url_(std::move(url)) {
  char* err = nullptr;
  if (PQconninfoOption* opts = PQconninfoParse(url_.c_str(), &err)) {
    for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
      if (std::string_view(o->keyword) == "password" && o->val != nullptr) RegisterSecret(o->val);
    }
    PQconninfoFree(opts);
  }
  if (err != nullptr) PQfreemem(err);
}

Result<std::unique_ptr<Session>> PostgresDestination::Connect() {
  auto conn = PgConnection::Open(url_);
  if (!conn) return tl::unexpected(conn.error());
  return std::unique_ptr<Session>(std::make_unique<PostgresSession>(std::move(*conn)));
}

std::string PostgresDestination::Describe() const { return RedactUrl(url_); }

}  // namespace gb
