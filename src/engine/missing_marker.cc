#include "engine/missing_marker.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "core/iso_time.h"
#include "streams/registry.h"

namespace gb {

MissingMarker::MissingMarker(SyncPlanner& planner, TimelineSource& source, ObjectSource* objects,
                             VerifyReader& reader, SyncStore& store, Clock& clock, int page_size)
    : planner_(planner),
      source_(source),
      objects_(objects),
      reader_(reader),
      store_(store),
      clock_(clock),
      page_size_(page_size) {}

int64_t MissingMarker::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
}

Result<std::vector<MarksMade>> MissingMarker::Mark(
    bool timeline, const std::vector<std::string>& streams,
    const std::map<std::string, std::string>& floors) {
  std::vector<MarksMade> made;
  if (timeline) {
    auto t = Timeline();
    if (!t) return tl::unexpected(t.error());
    if (Status s = Total(TimelineStream().table, *t); !s) return tl::unexpected(s.error());
    made.push_back(*t);
  }
  for (const std::string& name : streams) {
    const StreamModule* stream = FindStream(name);
    if (stream == nullptr || objects_ == nullptr) continue;
    auto m = Stream(*stream, floors);
    if (!m) return tl::unexpected(m.error());
    if (Status s = Total(stream->table, *m); !s) return tl::unexpected(s.error());
    made.push_back(*m);
  }
  return made;
}

Status MissingMarker::Total(std::string_view table, MarksMade& made) {
  auto total = store_.CountMarked(table);
  if (!total) return tl::unexpected(total.error());
  made.total = *total;
  return {};
}

Status MissingMarker::Settle(std::string_view table, const std::vector<std::string>& source_ids,
                             std::vector<std::string> stored_ids, MarksMade& made) {
  const std::set<std::string> at_source(source_ids.begin(), source_ids.end());
  std::erase_if(stored_ids, [&](const std::string& id) { return at_source.contains(id); });
  if (!stored_ids.empty()) {
    auto marked = store_.Mark(table, stored_ids, Now());
    if (!marked) return tl::unexpected(marked.error());
    made.marked += *marked;
  }
  auto restored = store_.Clear(table, source_ids);
  if (!restored) return tl::unexpected(restored.error());
  made.restored += *restored;
  return {};
}

Result<MarksMade> MissingMarker::Timeline() {
  MarksMade made;
  made.stream = "timeline";
  auto months = planner_.CompareMonths();
  if (!months) return tl::unexpected(months.error());
  for (const MonthCount& m : *months) {
    if (!m.differs()) continue;
    auto ids = MonthIds(m);
    if (!ids) return tl::unexpected(ids.error());
    auto stored = reader_.IdsBetween(m.from, m.to);
    if (!stored) return tl::unexpected(stored.error());
    if (Status s = Settle(TimelineStream().table, *ids, std::move(*stored), made); !s) {
      return tl::unexpected(s.error());
    }
    ++made.months;
  }
  return made;
}

// Newest first from the month's cursor: rows above it are passed over, the
// first row below it ends the month.
Result<std::vector<std::string>> MissingMarker::MonthIds(const MonthCount& month) {
  std::string note;
  auto sweep = planner_.MonthSweep(month, month.to, &note);
  if (!sweep) return tl::unexpected(sweep.error());
  PageRequest request{{{}, std::nullopt, sweep->occurred_at_get}, sweep->start_after, page_size_};
  std::vector<std::string> ids;
  for (;;) {
    auto page = source_.FetchPage(request);
    if (!page) return tl::unexpected(page.error());
    for (const ApiNode& node : page->nodes) {
      auto when = ParseIsoUtc(node.occurred_at);
      if (!when || node.id.empty() || *when >= month.to) continue;
      if (*when < month.from) return ids;
      ids.push_back(node.id);
    }
    if (!page->has_next_page || !page->end_cursor || page->end_cursor == request.after) return ids;
    request.after = page->end_cursor;
  }
}

Result<MarksMade> MissingMarker::Stream(const StreamModule& stream,
                                        const std::map<std::string, std::string>& floors) {
  MarksMade made;
  made.stream = stream.name;
  const std::array<const StreamModule*, 1> one = {&stream};
  auto compared = planner_.CompareStreamsAgain(one, floors);
  if (!compared) return tl::unexpected(compared.error());
  const StreamCount& c = compared->front();
  if (c.source == c.stored) return made;
  // Only the window differs: its ids alone, on both sides.
  const std::string since = c.action == StreamAction::kNewSince ? c.since : "";
  auto ids = StreamIds(stream, since);
  if (!ids) return tl::unexpected(ids.error());
  auto stored_ids = since.empty()
                        ? store_.StoredIds(stream.table)
                        : store_.StoredIdsCreatedSince(stream.table, stream.created->column, since);
  if (!stored_ids) return tl::unexpected(stored_ids.error());
  if (Status s = Settle(stream.table, *ids, std::move(*stored_ids), made); !s) {
    return tl::unexpected(s.error());
  }
  return made;
}

Result<std::vector<std::string>> MissingMarker::StreamIds(const StreamModule& stream,
                                                          const std::string& since) {
  std::vector<std::string> ids;
  ObjectPageRequest request{&stream, std::nullopt, page_size_, DateSpan{}, since};
  for (;;) {
    auto page = objects_->FetchObjects(request);
    if (!page) return tl::unexpected(page.error());
    for (const std::string& node : page->nodes) {
      auto j = nlohmann::json::parse(node, nullptr, false);
      if (j.is_object() && j.contains("id") && j["id"].is_string()) ids.push_back(j["id"]);
    }
    if (!page->has_next_page || !page->end_cursor || page->end_cursor == request.after) return ids;
    request.after = page->end_cursor;
  }
}

}  // namespace gb
