// The pianos stream: allPianos, oldest created first; each piano links to its client.
// A sync whose count differs fetches the pianos created since a date
// (createdGet, engine/sync_planner.h) when the older ones still match.
#include "streams/pianos.h"
#include "streams/stream.h"

namespace gb {

const StreamModule& PianosStream() {
  using namespace streams::pianos;
  static constexpr std::string_view kTimes[] = {"createdAt", "updatedAt"};
  static constexpr std::string_view kDates[] = {"calculatedLastService", "calculatedNextService"};
  static constexpr std::string_view kReferences[] = {"clients"};
  static const StreamModule stream{
      .name = "pianos",
      .table = "gazelle_pianos",
      .root = "allPianos",
      .page_document = kPianosPage,
      .nested = std::nullopt,
      .time_fields = kTimes,
      .date_fields = kDates,
      .postgres = {kPostgresCreate, kPostgresUpsert, kPostgresExisting, kPostgresRestoreLinks,
                   kPostgresCount},
      .sqlite = {kSqliteCreate, kSqliteUpsert, kSqliteExisting, kSqliteRestoreLinks, kSqliteCount},
      .references = kReferences,
      .created = CreatedFilter{"createdGet", "createdLet", "created_at"},
  };
  return stream;
}

}  // namespace gb
