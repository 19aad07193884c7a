// OpenStatusReader (declared in status_reader.h): the same URLs as OpenDestination.
#include "sink/status_reader.h"

#include "sink/destination.h"
#include "sink/postgres/pg_status_reader.h"
#include "sink/sqlite/sqlite_status_reader.h"

namespace gb {

Result<std::unique_ptr<StatusReader>> OpenStatusReader(const std::string& url) {
  // OpenDestination validates the URL (and registers a password as a secret);
  // it does not connect.
  auto destination = OpenDestination(url);
  if (!destination) return tl::unexpected(destination.error());
  std::string described = (*destination)->Describe();
  if (described.rfind("sqlite:", 0) == 0) {
    return std::unique_ptr<StatusReader>(std::make_unique<SqliteStatusReader>(described.substr(7)));
  }
  return std::unique_ptr<StatusReader>(std::make_unique<PgStatusReader>(url, described));
}

}  // namespace gb
