// OpenRejectsStore (declared in rejects_store.h): the same URLs as OpenDestination.
#include "sink/rejects_store.h"

#include "sink/postgres/pg_rejects_store.h"
#include "sink/sqlite/sqlite_rejects_store.h"

namespace gb {

Result<std::unique_ptr<RejectsStore>> OpenRejectsStore(const std::string& url) {
  // OpenDestination validates the URL and registers a password as a secret.
  auto destination = OpenDestination(url);
  if (!destination) return tl::unexpected(destination.error());
  std::string described = (*destination)->Describe();
  if (described.rfind("sqlite:", 0) == 0) {
    return std::unique_ptr<RejectsStore>(std::make_unique<SqliteRejectsStore>(described.substr(7)));
  }
  return std::unique_ptr<RejectsStore>(std::make_unique<PgRejectsStore>(url, described));
}

}  // namespace gb
