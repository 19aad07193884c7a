// One state of the timeline's changes since the simulator started, beyond the
// entries arriving at the top: back-dated entries inserted inside the
// newest-first order, base entries deleted anywhere, comments edited. A state
// is immutable once published (TimelineIndex swaps in a new one per change),
// so a request reads one consistent state for all its fields while changes
// are applied concurrently.
//
// Entries of the state are named by slots: a slot below the base size is a
// base position (SimDataset::At), a slot above it an inserted entry. `all`
// lists every live slot newest first, so a time filter is a binary search and
// a page a slice.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/sim_content.h"
#include "sim/sim_dataset.h"

namespace gb::sim {

// A back-dated entry and how many base entries come before it (are newer).
struct InsertedEntry {
  EntryRef ref;
  int64_t base_before = 0;
};

// Generator indexes of back-dated entries start here (arrivals count up from the base size).
inline constexpr uint32_t kBackdatedGen = 0xC0000000u;

class TimelineChanges {
 public:
  explicit TimelineChanges(const SimDataset& data);

  uint64_t version() const { return version_; }
  bool unchanged() const { return version_ == 0; }
  int64_t live_size() const;  // live base and inserted entries
  const std::vector<uint32_t>& deleted() const { return deleted_; }  // base positions, ascending
  const std::vector<InsertedEntry>& inserted() const { return inserted_; }  // newest first
  int64_t edited() const { return static_cast<int64_t>(comments_.size()); }
  bool IsDeleted(int64_t base_pos) const;

  EntryRef Slot(uint32_t slot) const;
  // Every live slot, newest first; null while unchanged (then slot i is base position i).
  const std::shared_ptr<const std::vector<uint32_t>>& all() const { return all_; }
  // The live slots among `base` (ascending base positions, null: all of them)
  // and the inserted entries `keep` accepts, newest first.
  std::vector<uint32_t> Merge(const std::vector<uint32_t>* base,
                              const std::function<bool(const EntryRef&)>& keep) const;
  // The node of an entry, with its edited comment if it has one.
  NodeData Node(const EntryRef& entry) const;
  bool HasEdits() const { return !comments_.empty(); }

  // Changes, on a copy not yet published (each returns the API ids touched).
  std::string Backdate(int64_t occurred);
  std::vector<std::string> DeleteSpread(int64_t count);
  std::vector<std::string> DeleteNewest(int64_t count);
  std::vector<std::string> Edit(int64_t count);
  // Rebuilds `all` and bumps the version: call once after the changes of one request.
  void Publish();

 private:
  // A live, non-hostile base position drawn from the seed, or -1 when none is left.
  int64_t Draw(uint64_t purpose);
  std::string IdOf(const EntryRef& entry) const;

  const SimDataset* data_;
  uint64_t version_ = 0;
  uint64_t draws_ = 0;  // picks so far: the same calls give the same picks
  std::vector<uint32_t> deleted_;
  std::vector<InsertedEntry> inserted_;
  std::unordered_map<uint32_t, std::string> comments_;  // gen -> edited comment
  std::shared_ptr<const std::vector<uint32_t>> all_;
};

}  // namespace gb::sim
