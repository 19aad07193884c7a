// Which entries match a filter of allTimelineEntries, in order (newest
// first): arrived entries on top, then the base dataset with the changes of a
// TimelineChanges state (back-dated entries inserted in the order, deleted
// ones left out). Matches of the base dataset are cached per filter, and their
// merge with the changes per filter and state, so paging through a filtered
// timeline costs one scan per change, not one per page; a time-only filter
// (occurredAtGet alone) is a binary search in the state's list of every entry.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sim/account_changes.h"
#include "sim/sim_changes.h"
#include "sim/sim_dataset.h"
#include "sim/timeline_changes.h"

namespace gb::sim {

struct EntryFilter {
  uint32_t type_mask = 0;  // bit per kEntryTypes index; used when types_given
  bool types_given = false;
  std::optional<uint32_t> client, piano, invoice, estimate;
  bool impossible = false;  // an id filter that names no entity of this dataset
  std::string search;       // case-insensitive substring of summary or comment
  std::optional<int64_t> occurred_min;

  std::string Key() const;
  bool OnlyTime() const;
  // `changes` (may be null) gives the edited comments `search` reads.
  bool Matches(const SimDataset& data, const EntryRef& entry,
               const TimelineChanges* changes = nullptr) const;
};

// What one request reads: the arrivals so far and one state of the changes
// (and of the account's, for the other roots), taken together (SimServer
// takes them under one lock).
struct TimelineView {
  int64_t arrived = 0;
  std::shared_ptr<const TimelineChanges> changes;
  std::shared_ptr<const AccountChanges> account;
};

// The matching entries of one view, in order.
class Matches {
 public:
  int64_t size() const { return static_cast<int64_t>(arrived_.size()) + count_; }
  EntryRef At(int64_t i) const;
  // The state the matches were found in (TimelineChanges::Node writes an entry of it).
  const TimelineChanges& changes() const { return *changes_; }

 private:
  friend class TimelineIndex;
  const SimDataset* data_ = nullptr;
  std::shared_ptr<const TimelineChanges> changes_;
  int64_t arrived_total_ = 0;
  std::vector<int64_t> arrived_;                        // logical positions of matching arrivals
  std::shared_ptr<const std::vector<uint32_t>> slots_;  // null: base positions 0..count-1
  int64_t count_ = 0;
};

class TimelineIndex {
 public:
  explicit TimelineIndex(const SimDataset& data);
  Matches Find(const EntryFilter& filter, const TimelineView& view);

  // The current state of the changes (immutable; a change publishes a new one).
  std::shared_ptr<const TimelineChanges> Snapshot() const;
  // Applies the timeline part of `request` (back-dated, edited, deleted) as one
  // new state; `now` dates the back-dated entries. Deterministic.
  void Apply(const ChangeRequest& request, int64_t now, AppliedChanges* applied);
  // Deletes the `count` newest entries of the base dataset still there, as if
  // removed in Gazelle: later answers leave them out, so offsets shift down
  // under a sweep. Deterministic; returns how many were deleted.
  int64_t Delete(int64_t count);
  int64_t deleted() const;

 private:
  struct Cached {
    std::shared_ptr<const std::vector<uint32_t>> base;    // base positions, version-free
    uint64_t version = 0;                                 // of `merged`
    std::shared_ptr<const std::vector<uint32_t>> merged;  // slots under that version
  };
  void FindTimeOnly(const EntryFilter& filter, Matches& m) const;
  std::shared_ptr<const std::vector<uint32_t>> Slots(const EntryFilter& filter,
                                                     const TimelineChanges& changes);
  std::shared_ptr<const std::vector<uint32_t>> BaseMatches(const EntryFilter& filter);

  const SimDataset& data_;
  mutable std::mutex mu_;  // the cache and the current state
  std::mutex apply_mu_;    // one change at a time
  std::map<std::string, Cached> cache_;
  std::shared_ptr<const TimelineChanges> changes_;
};

}  // namespace gb::sim
