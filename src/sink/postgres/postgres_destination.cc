#include "sink/postgres/postgres_destination.h"

#include "sink/postgres/pg_connection.h"
#include "sink/postgres/postgres_session.h"

namespace gb {

Result<std::unique_ptr<Session>> PostgresDestination::Connect() {
  auto conn = PgConnection::Open(url_);
  if (!conn) return tl::unexpected(conn.error());
  return std::unique_ptr<Session>(std::make_unique<PostgresSession>(std::move(*conn)));
}

}  // namespace gb
