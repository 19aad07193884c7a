#include "sink/batch_dedupe.h"

#include <string_view>
#include <unordered_map>

namespace gb {

std::vector<size_t> LastOccurrences(std::span<const Row> rows, CountTable* counts) {
  std::unordered_map<std::string_view, size_t> last;
  last.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) last[rows[i].external_id] = i;
  std::vector<size_t> keep;
  keep.reserve(last.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (last[rows[i].external_id] == i) {
      keep.push_back(i);
    } else {
      (*counts)[CountKey{rows[i].year, rows[i].source_type}].unchanged += 1;
    }
  }
  return keep;
}

}  // namespace gb
