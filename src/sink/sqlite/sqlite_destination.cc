#include "sink/sqlite/sqlite_destination.h"

#include "sink/sqlite/sqlite_connection.h"
#include "sink/sqlite/sqlite_session.h"

namespace gb {

Result<std::unique_ptr<Session>> SqliteDestination::Connect() {
  auto conn = SqliteConnection::Open(path_);
  if (!conn) return tl::unexpected(conn.error());
  return std::unique_ptr<Session>(std::make_unique<SqliteSession>(std::move(*conn)));
}

}  // namespace gb
