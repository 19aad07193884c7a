#include "sink/object_counts.h"

#include <algorithm>

namespace gb {

CountTable ObjectCounts(const StreamModule& stream, int64_t nodes, int64_t stored_before,
                        int64_t written, int64_t unlinked) {
  CountTable table;
  Counts& c = table[CountKey{kWholeStream, std::string(stream.name)}];
  c.repaired = unlinked;
  c.unlinked = unlinked;
  c.unchanged = nodes - written;
  c.inserted = std::clamp<int64_t>(nodes - stored_before - unlinked, 0, written - unlinked);
  c.updated = written - unlinked - c.inserted;
  return table;
}

std::string JsonArrayOf(std::span<const std::string> nodes) {
  size_t size = 2;
  for (const std::string& n : nodes) size += n.size() + 1;
  std::string out;
  out.reserve(size);
  out += '[';
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (i > 0) out += ',';
    out += nodes[i];
  }
  out += ']';
  return out;
}

}  // namespace gb
