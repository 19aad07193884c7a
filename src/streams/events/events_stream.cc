// The events stream: allEventsBatched (appointments, personal time, memos,
// synced events), earliest start first; each links to its client and users,
// and to its pianos (a list, allEventPianos) through gazelle_event_pianos.
// No creation filter: allEventsBatched filters by the event's own date only
// (dateGet), which says nothing of when it was made (an appointment booked
// today for next year), so a sync sweeps it whole when its count differs.
#include "streams/events.h"
#include "streams/stream.h"

namespace gb {

const StreamModule& EventsStream() {
  using namespace streams::events;
  static constexpr std::string_view kTimes[] = {"start", "confirmedAt", "createdAt", "updatedAt"};
  static constexpr std::string_view kReferences[] = {"users", "clients", "pianos"};
  static const StreamModule stream{
      .name = "events",
      .table = "gazelle_events",
      .root = "allEventsBatched",
      .page_document = kEventsPage,
      .nested = std::nullopt,
      .time_fields = kTimes,
      .date_fields = {},
      .postgres = {kPostgresCreate,
                   kPostgresUpsert,
                   kPostgresExisting,
                   kPostgresRestoreLinks,
                   kPostgresCount,
                   {kPostgresPianosCreate, kPostgresPianosRemove, kPostgresPianosWrite,
                    kPostgresPianosRestore}},
      .sqlite = {kSqliteCreate,
                 kSqliteUpsert,
                 kSqliteExisting,
                 kSqliteRestoreLinks,
                 kSqliteCount,
                 {kSqlitePianosCreate, kSqlitePianosRemove, kSqlitePianosWrite,
                  kSqlitePianosRestore}},
      .references = kReferences,
      .since_filter = "dateGet",
      .until_filter = "dateLet",
      .link_table = "gazelle_event_pianos",
  };
  return stream;
}

}  // namespace gb
