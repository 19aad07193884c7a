// The estimates stream: allEstimates, oldest created first; each links to its
// client, its piano and users. Bounded by --years on its creation date, and
// a sync whose count differs fetches the estimates created since a date
// (createdGet, engine/sync_planner.h) when the older ones still match.
#include "streams/estimates.h"
#include "streams/stream.h"

namespace gb {

const StreamModule& EstimatesStream() {
  using namespace streams::estimates;
  static constexpr std::string_view kTimes[] = {"createdAt", "updatedAt"};
  static constexpr std::string_view kDates[] = {"estimatedOn", "expiresOn"};
  static constexpr std::string_view kReferences[] = {"users", "clients", "pianos"};
  static const StreamModule stream{
      .name = "estimates",
      .table = "gazelle_estimates",
      .root = "allEstimates",
      .page_document = kEstimatesPage,
      .nested = std::nullopt,
      .time_fields = kTimes,
      .date_fields = kDates,
      .postgres = {kPostgresCreate, kPostgresUpsert, kPostgresExisting, kPostgresRestoreLinks,
                   kPostgresCount},
      .sqlite = {kSqliteCreate, kSqliteUpsert, kSqliteExisting, kSqliteRestoreLinks, kSqliteCount},
      .references = kReferences,
      .since_filter = "createdGet",
      .until_filter = "createdLet",
      .created = CreatedFilter{"createdGet", "createdLet", "created_at"},
  };
  return stream;
}

}  // namespace gb
