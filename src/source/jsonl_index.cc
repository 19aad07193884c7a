#include "source/jsonl_index.h"

#include <algorithm>

namespace gb {

JsonlIndex::Block& JsonlIndex::At(int64_t offset) {
  const auto b = static_cast<size_t>(offset / kBlockBytes);
  if (blocks_.size() <= b) blocks_.resize(b + 1);
  Block& block = blocks_[b];
  if (block.first_line < 0) block.first_line = static_cast<int32_t>(offset % kBlockBytes);
  return block;
}

void JsonlIndex::AddQuick(int64_t offset, std::string_view type, int64_t occurred_at) {
  Block& block = At(offset);
  auto it = bits_.find(type);
  if (it == bits_.end() && bits_.size() < 63) {
    it = bits_.emplace(std::string(type), static_cast<int>(bits_.size())).first;
  }
  // A 64th distinct type has no bit of its own: its lines take the full parse.
  block.types |= it != bits_.end() ? uint64_t{1} << it->second : kFullParse;
  block.newest = std::max(block.newest, occurred_at);
}

void JsonlIndex::AddFullParse(int64_t offset) { At(offset).types |= kFullParse; }

JsonlIndex::Want JsonlIndex::WantFor(const std::vector<std::string>& types,
                                     std::optional<int64_t> bound) const {
  Want want{types.empty() ? ~uint64_t{0} : kFullParse, bound};
  for (const auto& t : types) {
    if (auto it = bits_.find(t); it != bits_.end()) want.types |= uint64_t{1} << it->second;
  }
  return want;
}

bool JsonlIndex::Candidate(const Block& block, const Want& want) const {
  if (block.first_line < 0) return false;
  if (block.types & kFullParse) return true;  // lenient lines may match any filter
  return (block.types & want.types) != 0 && (!want.bound || block.newest >= *want.bound);
}

std::optional<int64_t> JsonlIndex::NextCandidate(int64_t offset, const Want& want) const {
  auto b = static_cast<size_t>(offset / kBlockBytes);
  if (b < blocks_.size() && Candidate(blocks_[b], want)) return offset;
  for (++b; b < blocks_.size(); ++b) {
    if (Candidate(blocks_[b], want)) {
      return static_cast<int64_t>(b) * kBlockBytes + blocks_[b].first_line;
    }
  }
  // Past the surveyed end (the file grew since): nothing is known, read on.
  if (offset / kBlockBytes >= static_cast<int64_t>(blocks_.size())) return offset;
  return std::nullopt;
}

int64_t JsonlIndex::ScanStartBefore(int64_t bound) const {
  int64_t start = 0;
  for (size_t b = 0; b < blocks_.size(); ++b) {
    const Block& block = blocks_[b];
    if (block.first_line < 0 || (block.types & kFullParse) != 0) continue;
    if (block.newest < bound) break;  // newest first: every later line is older too
    start = static_cast<int64_t>(b) * kBlockBytes + block.first_line;
  }
  return start;
}

bool JsonlIndex::Quick(int64_t offset) const {
  const auto b = static_cast<size_t>(offset / kBlockBytes);
  return b < blocks_.size() && (blocks_[b].types & kFullParse) == 0;
}

}  // namespace gb
