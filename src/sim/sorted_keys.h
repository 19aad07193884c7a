// One sort order of a simulated stream (clients by createdAt, events by
// start, ...) as two compact arrays: the objects' ordinals sorted by key, and
// the keys in that order, so a date filter is two binary searches and a page
// is a slice, read forward (_ASC) or backward (_DESC). An object without a key
// (a null createdAt) sorts after every other one: last for _ASC, first for
// _DESC (PostgreSQL's NULLS LAST / NULLS FIRST defaults), and any bound on the
// key leaves it out.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace gb::sim {

inline constexpr int64_t kNoKey = std::numeric_limits<int64_t>::max();

// A slice [begin, end) of the ascending order, read backward when `descending`.
struct KeyRange {
  int64_t begin = 0, end = 0;
  bool descending = false;
  int64_t size() const { return end - begin; }
  // The position in the ascending order of the i-th object of the slice.
  int64_t At(int64_t i) const { return descending ? end - 1 - i : begin + i; }
};

class SortedKeys {
 public:
  SortedKeys() = default;
  // `keys[ordinal]` (kNoKey: none); ties are ordered by ordinal.
  explicit SortedKeys(const std::vector<int64_t>& keys);

  // The objects whose key is in [min, max_exclusive) (an open side when not
  // given); with no bound at all, every object, the keyless included.
  KeyRange Range(std::optional<int64_t> min, std::optional<int64_t> max_exclusive,
                 bool descending) const;
  uint32_t OrdinalAt(int64_t position) const { return order_[position]; }
  int64_t KeyAt(int64_t position) const { return keys_[position]; }
  int64_t size() const { return static_cast<int64_t>(order_.size()); }

 private:
  std::vector<uint32_t> order_;
  std::vector<int64_t> keys_;  // ascending, kNoKey last
};

}  // namespace gb::sim
