// A stream's sort order as compact arrays (see sorted_keys.h).
#include "sim/sorted_keys.h"

#include <algorithm>
#include <numeric>

namespace gb::sim {

SortedKeys::SortedKeys(const std::vector<int64_t>& keys) : order_(keys.size()) {
  std::iota(order_.begin(), order_.end(), 0u);
  std::stable_sort(order_.begin(), order_.end(),
                   [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  keys_.reserve(keys.size());
  for (uint32_t ordinal : order_) keys_.push_back(keys[ordinal]);
}

KeyRange SortedKeys::Range(std::optional<int64_t> min, std::optional<int64_t> max_exclusive,
                           bool descending) const {
  KeyRange r{0, size(), descending};
  if (!min && !max_exclusive) return r;
  r.begin = std::lower_bound(keys_.begin(), keys_.end(), min.value_or(INT64_MIN)) - keys_.begin();
  r.end =
      std::lower_bound(keys_.begin(), keys_.end(), max_exclusive.value_or(kNoKey)) - keys_.begin();
  r.end = std::max(r.begin, r.end);
  return r;
}

}  // namespace gb::sim
