// The timeline: allTimelineEntries into gazelle_timeline_entries, cut by year,
// type and time pieces (Cutting::kByYear: engine/planner.h), swept newest
// first. Its other documents (the aliased counts, the oldest entry of a
// filter) and statements (the COPY of a batch, the index on occurred_at) are
// in this folder beside it; the engine's timeline path uses them by name.
#include <string>

#include "streams/registry.h"
#include "streams/stream.h"
#include "streams/timeline.h"

namespace gb {

const StreamModule& TimelineStream() {
  using namespace streams::timeline;
  static const std::string page = std::string(kTimelinePage) + std::string(kEntryFields);
  static constexpr std::string_view kTimes[] = {"occurredAt"};
  // Its links (core/row_links.h kEntryLinks), declared as foreign keys when
  // the run creating its table loads them (timeline_links.h).
  static constexpr std::string_view kReferences[] = {"users", "clients", "pianos", "invoices",
                                                     "estimates"};
  static const StreamModule stream{
      .name = "timeline",
      .table = "gazelle_timeline_entries",
      .root = "allTimelineEntries",
      .page_document = page,
      .nested = std::nullopt,
      .time_fields = kTimes,
      .date_fields = {},
      .postgres = {kPostgresCreate, kPostgresUpsert, {}, {}, {}},
      .sqlite = {kSqliteCreate, kSqliteUpsert, {}, {}, {}},
      .references = kReferences,
      .cutting = Cutting::kByYear,
  };
  return stream;
}

}  // namespace gb
