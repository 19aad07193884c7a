// OpenVerifyReader (declared in verify_reader.h): the same URLs as OpenDestination.
#include "sink/verify_reader.h"

#include "sink/destination.h"
#include "sink/postgres/pg_verify_reader.h"
#include "sink/sqlite/sqlite_verify_reader.h"

namespace gb {

Result<std::unique_ptr<VerifyReader>> OpenVerifyReader(const std::string& url) {
  // OpenDestination validates the URL and registers a password as a secret;
  // it does not connect.
  auto destination = OpenDestination(url);
  if (!destination) return tl::unexpected(destination.error());
  std::string described = (*destination)->Describe();
  if (described.rfind("sqlite:", 0) == 0) {
    return std::unique_ptr<VerifyReader>(std::make_unique<SqliteVerifyReader>(described.substr(7)));
  }
  return std::unique_ptr<VerifyReader>(std::make_unique<PgVerifyReader>(url, described));
}

}  // namespace gb
