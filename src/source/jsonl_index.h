// A coarse map of an export file, built in the one full pass JsonlSource
// makes anyway (Survey), so each unit's sweep of the file reads only the
// parts that can hold its entries instead of every line.
//
// The file is cut into fixed blocks of kBlockBytes; a line belongs to the
// block it starts in. Per block: which types its lines have (one bit per
// distinct type), the newest occurredAt among them, where its first line
// starts, and whether any line needs the full parse (not in the quick shape,
// or the quick read disagrees with the parse: see jsonl_quick_fields.h). A
// sweep skips a block when none of its lines can pass the filter, and trusts
// the quick read (type at a fixed place) in a block without such lines.
//
// Memory: 16 bytes per 8 KiB of file (~1 MB for a 570 MB dump), whatever its
// content: no per-line state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gb {

class JsonlIndex {
 public:
  static constexpr int64_t kBlockBytes = 8 * 1024;

  // What a sweep wants: the bits of its types (all bits for no type filter)
  // and its lower time bound.
  struct Want {
    uint64_t types = 0;
    std::optional<int64_t> bound;
  };

  // Records the line starting at `offset`: one whose quick read agrees with
  // the full parse, or one that needs the full parse on every sweep.
  void AddQuick(int64_t offset, std::string_view type, int64_t occurred_at);
  void AddFullParse(int64_t offset);

  Want WantFor(const std::vector<std::string>& types, std::optional<int64_t> bound) const;

  // The start of the first line at or after `offset` (a line start) that
  // may pass `want`, or nullopt when no line from there on can.
  std::optional<int64_t> NextCandidate(int64_t offset, const Want& want) const;
  // Whether every line starting in the block of `offset` is in the quick shape.
  bool Quick(int64_t offset) const;
  // In a file whose lines are newest first: a line start at or before the
  // first line older than `bound` (the first line of the last quick block
  // whose newest line is at or after `bound`), or 0.
  int64_t ScanStartBefore(int64_t bound) const;

 private:
  static constexpr uint64_t kFullParse = uint64_t{1} << 63;  // also: a type beyond 63
  struct Block {
    uint64_t types = 0;  // bit per type; kFullParse when a line needs the full parse
    int64_t newest = INT64_MIN;
    int32_t first_line = -1;  // offset in the block of its first line start
  };
  bool Candidate(const Block& block, const Want& want) const;
  Block& At(int64_t offset);

  std::vector<Block> blocks_;
  std::map<std::string, int, std::less<>> bits_;  // type -> bit
};

}  // namespace gb
