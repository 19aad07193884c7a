#include "engine/object_sweep.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/iso_time.h"
#include "engine/await_references.h"

namespace gb {
namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;

// The value of `field` in `node` as text when it is a string; none otherwise.
std::optional<std::string> StringField(const nlohmann::json& node, std::string_view field) {
  auto it = node.find(std::string(field));
  if (it == node.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

// Rows loaded before the rows they reference would have their links stored
// NULL (and restored at the end): a stream waits while another stream of the
// run holds a unit of a stream it references. Units are claimed in plan
// order, a stream after those it references, so they are running (or done)
// by then; one left pending (its worker gone) is not waited for.
Status ObjectSweep::Run(const UnitState& unit) {
  if (Status s = AwaitReferences(shared_, session_, stream_); !s) return s;
  Batch batch;
  batch.unit = unit.spec.name;
  batch.stream = &stream_;
  batch.checkpoint = {shared_.run_id, unit.id, shared_.worker_id, unit.cursor, unit.fetched, false};
  std::optional<std::string> after;
  if (!unit.cursor.empty()) after = unit.cursor;
  while (!shared_.Halted()) {
    ObjectPageRequest request{&stream_, after, pages_.Ask(), shared_.options.StreamSpan(),
                              unit.spec.created_since};
    const auto start = shared_.clock.Steady();
    auto page = shared_.objects->FetchObjects(request);
    const auto fetched_at = shared_.clock.Steady();
    std::optional<PageSizeFound> found;
    if (page) {
      found =
          pages_.Answered(request.first, static_cast<int>(page->nodes.size()), page->has_next_page);
    } else if (pages_.Refused(request.first, page.error(), &found)) {
      if (found) shared_.observer.On(*found);
      continue;  // the same page again, at the size every client uses
    }
    if (found) shared_.observer.On(*found);
    if (!page) {
      // Keep what was fetched before the error: the rerun starts after it.
      if (!batch.empty()) {
        if (Status s = Flush(batch); !s) return s;
      }
      return tl::unexpected(page.error());
    }
    shared_.observer.On(PageFetched{unit.spec.name, static_cast<int>(page->nodes.size()),
                                    duration_cast<milliseconds>(fetched_at - start)});
    shared_.observer.On(TimeSpent{kPhaseApi, duration_cast<microseconds>(fetched_at - start)});
    const bool last = !page->has_next_page || !page->end_cursor || page->end_cursor == after;
    Add(batch, *page);
    if (page->end_cursor) batch.checkpoint.cursor = *page->end_cursor;
    batch.checkpoint.unit_done = last;
    ++batch.pages;
    if (batch.fetched >= shared_.options.batch_size || last) {
      if (Status s = Flush(batch); !s) return s;
    }
    if (last) {
      shared_.observer.On(SliceDone{unit.spec.name, batch.checkpoint.fetched});
      return {};
    }
    after = page->end_cursor;
  }
  if (!batch.empty()) return Flush(batch);
  return {};
}

void ObjectSweep::Add(Batch& batch, ObjectPage& page) {
  const std::string type(stream_.name);
  for (std::string& node : page.nodes) {
    ++batch.fetched;
    ++batch.checkpoint.fetched;
    std::string id;
    std::string defect = Defect(node, &id);
    if (!defect.empty()) {
      ++batch.precounted[{kWholeStream, type}].rejected;
      batch.rejects.push_back({id, kWholeStream, type, "", std::move(defect), std::move(node)});
      continue;
    }
    if (!seen_.insert(id).second) {
      ++batch.precounted[{kWholeStream, type}].skipped;  // given twice: written once
      continue;
    }
    batch.nodes.push_back(std::move(node));
  }
}

std::string ObjectSweep::Defect(const std::string& text, std::string* id) const {
  nlohmann::json node = nlohmann::json::parse(text, nullptr, false);
  if (node.is_discarded() || node.is_null()) {
    return fmt::format("the API gave null instead of this {} (an item of nodes)", stream_.name);
  }
  if (!node.is_object()) return "the API gave something other than an object";
  if (auto given = StringField(node, "id"); given && !given->empty()) {
    *id = *given;
  } else {
    return "no id: it cannot be told apart from another";
  }
  for (std::string_view field : stream_.time_fields) {
    auto value = StringField(node, field);
    if (value && !ParseIsoUtc(*value)) {
      return fmt::format("{} is not a valid date and time: {}", field, *value);
    }
  }
  for (std::string_view field : stream_.date_fields) {
    auto value = StringField(node, field);
    if (value && (value->size() != 10 || !ParseIsoUtc(*value + "T00:00:00Z"))) {
      return fmt::format("{} is not a valid date: {}", field, *value);
    }
  }
  return {};
}

Status ObjectSweep::Flush(Batch& batch) {
  if (Status s = WriteAndReport(shared_, writer_, batch, ""); !s) return s;
  Batch next;
  next.unit = batch.unit;
  next.stream = batch.stream;
  next.checkpoint = batch.checkpoint;
  batch = std::move(next);
  return {};
}

}  // namespace gb
