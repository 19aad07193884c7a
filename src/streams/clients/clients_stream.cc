// The clients stream: allClients, oldest created first, each client with all
// its contacts (the first 50 in the page, the rest by ClientContacts). A
// sync whose count differs fetches the clients created since a date
// (createdGet, engine/sync_planner.h) when the older ones still match.
#include <string>

#include "streams/clients.h"
#include "streams/stream.h"

namespace gb {

const StreamModule& ClientsStream() {
  using namespace streams::clients;
  static const std::string page = std::string(kClientsPage) + std::string(kContactFields);
  static const std::string contacts = std::string(kClientContacts) + std::string(kContactFields);
  static constexpr std::string_view kTimes[] = {"createdAt", "updatedAt"};
  static constexpr std::string_view kReferences[] = {"users"};
  static const StreamModule stream{
      .name = "clients",
      .table = "gazelle_clients",
      .root = "allClients",
      .page_document = page,
      .nested = NestedList{"allContacts", "client", "clientId", contacts},
      .time_fields = kTimes,
      .date_fields = {},
      .postgres = {kPostgresCreate, kPostgresUpsert, kPostgresExisting, kPostgresRestoreLinks,
                   kPostgresCount},
      .sqlite = {kSqliteCreate, kSqliteUpsert, kSqliteExisting, kSqliteRestoreLinks, kSqliteCount},
      .references = kReferences,
      .created = CreatedFilter{"createdGet", "createdLet", "created_at"},
  };
  return stream;
}

}  // namespace gb
