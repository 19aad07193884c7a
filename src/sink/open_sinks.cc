// The one-sink conveniences (OpenDestination, OpenStatusReader,
// OpenVerifyReader, OpenRejectsStore, OpenAuditor, declared beside their
// interfaces): ParseDatabase, then that one sink. A command that needs
// several parses once and keeps the Database.
#include "sink/database.h"

namespace gb {
namespace {

template <typename Sink, typename Build>
Result<std::unique_ptr<Sink>> OpenOne(const std::string& url, Build build) {
  auto database = ParseDatabase(url);
  if (!database) return tl::unexpected(database.error());
  return build(**database);
}

}  // namespace

Result<std::unique_ptr<Destination>> OpenDestination(const std::string& url) {
  return OpenOne<Destination>(url, [](const Database& d) { return d.OpenDestination(); });
}

Result<std::unique_ptr<StatusReader>> OpenStatusReader(const std::string& url) {
  return OpenOne<StatusReader>(url, [](const Database& d) { return d.OpenStatusReader(); });
}

Result<std::unique_ptr<VerifyReader>> OpenVerifyReader(const std::string& url) {
  return OpenOne<VerifyReader>(url, [](const Database& d) { return d.OpenVerifyReader(); });
}

Result<std::unique_ptr<RejectsStore>> OpenRejectsStore(const std::string& url) {
  return OpenOne<RejectsStore>(url, [](const Database& d) { return d.OpenRejectsStore(); });
}

Result<std::unique_ptr<DestinationAuditor>> OpenAuditor(const std::string& url) {
  return OpenOne<DestinationAuditor>(url, [](const Database& d) { return d.OpenAuditor(); });
}

}  // namespace gb
