// Which entries match a filter of allTimelineEntries, in order (newest
// first), with arrived entries on top and deleted ones left out. Results for the base dataset are
// cached per filter so paging through a filtered timeline costs one scan, not one per page.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sim/sim_dataset.h"

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
  bool Matches(const SimDataset& data, const EntryRef& entry) const;
};

// The matching entries as logical positions (see SimDataset::At).
class Matches {
 public:
  int64_t size() const { return static_cast<int64_t>(arrived_.size()) + base_count_; }
  int64_t At(int64_t i) const;

 private:
  friend class TimelineIndex;
  int64_t arrived_total_ = 0;
  std::vector<int64_t> arrived_;  // logical positions of matching arrived entries
  std::shared_ptr<const std::vector<uint32_t>> base_;  // null: base positions 0..count-1
  int64_t base_count_ = 0;
};

class TimelineIndex {
 public:
  explicit TimelineIndex(const SimDataset& data) : data_(data) {}
  Matches Find(const EntryFilter& filter, int64_t arrived);

  // Deletes the `count` newest entries of the base dataset still there, as if
  // removed in Gazelle: later answers leave them out, so offsets shift down
  // under a sweep. Deterministic; returns how many were deleted.
  int64_t Delete(int64_t count);
  int64_t deleted() const;

 private:
  std::shared_ptr<const std::vector<uint32_t>> BaseMatches(const EntryFilter& filter);
  // `m`'s base positions without the deleted ones.
  void LeaveOutDeleted(Matches& m) const;

  const SimDataset& data_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const std::vector<uint32_t>>> cache_;
  std::vector<uint32_t> deleted_;  // base positions, ascending
};

}  // namespace gb::sim
