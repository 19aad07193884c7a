#include "engine/stream_recount.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "engine/sync_planner.h"
#include "streams/registry.h"

namespace gb {

StreamRecount::StreamRecount(const std::vector<std::string>& streams, ObjectSource& objects,
                             const DateSpan& span, RetryingSession& session, int64_t run_id)
    : streams_(streams), objects_(objects), span_(span), session_(session), run_id_(run_id) {}

Result<std::vector<StreamDifference>> StreamRecount::Compare() {
  auto units =
      session_.Read<std::vector<UnitState>>([&](Session& s) { return s.RunUnits(run_id_); });
  if (!units) return tl::unexpected(units.error());
  std::vector<ObjectCount> asks;
  for (const std::string& name : streams_) {
    const StreamModule* stream = FindStream(name);
    if (stream == nullptr) return Fail(ErrorKind::kConfig, "no stream named " + name);
    asks.push_back({stream, span_, CreatedSinceOf(*units, name)});
  }
  if (asks.empty()) return std::vector<StreamDifference>{};
  auto totals = objects_.CountFiltered(asks);
  if (!totals) return tl::unexpected(totals.error());
  auto counts = session_.Read<CountTable>([&](Session& s) { return s.RunCounts(run_id_); });
  if (!counts) return tl::unexpected(counts.error());
  std::vector<StreamDifference> differing;
  for (size_t i = 0; i < asks.size(); ++i) {
    StreamDifference d{streams_[i], (*totals)[i], 0, asks[i].created_since};
    if (auto it = counts->find({kWholeStream, d.stream}); it != counts->end()) {
      d.counted = it->second.loaded() + it->second.repaired + it->second.rejected;
    }
    if (d.counted != d.source) differing.push_back(std::move(d));
  }
  return differing;
}

Result<int> StreamRecount::AddRecounts(const std::vector<StreamDifference>& differences) {
  auto units =
      session_.Read<std::vector<UnitState>>([&](Session& s) { return s.RunUnits(run_id_); });
  if (!units) return tl::unexpected(units.error());
  int added = 0;
  for (const StreamDifference& d : differences) {
    if (!recounted_.insert(d.stream).second) continue;
    const std::string prefix = "recount:" + d.stream + ":";
    UnitSpec recount;
    recount.name =
        prefix +
        std::to_string(1 + std::count_if(units->begin(), units->end(), [&](const UnitState& u) {
                         return u.spec.name.starts_with(prefix);
                       }));
    recount.stream = d.stream;
    recount.expected = d.source;
    recount.recount = true;
    recount.created_since = d.since;
    auto inserted = session_.Read<bool>([&](Session& s) { return s.AddUnit(run_id_, recount); });
    if (!inserted) return tl::unexpected(inserted.error());
    if (*inserted) ++added;
  }
  return added;
}

std::string StreamRecount::Describe(const std::vector<StreamDifference>& differences) {
  std::string out;
  for (const StreamDifference& d : differences) {
    const std::string window = d.since.empty() ? "" : " created since " + d.since;
    out += fmt::format("{}{}{} (API {}, loaded {})", out.empty() ? "" : ", ", d.stream, window,
                       d.source, d.counted);
  }
  return out;
}

}  // namespace gb
