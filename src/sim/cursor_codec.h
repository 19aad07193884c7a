// Cursors of the simulator's connections. Two styles (sim --cursor-style):
// `offset`, a base64 offset into the filtered newest-first list that any
// filter honours (what the planner's time cuts once assumed of the real API),
// and `opaque`, bound to the filter that issued it: reused under another
// filter it is refused, as nothing in the real API promises otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gb::sim {

enum class CursorStyle { kOffset, kOpaque };
std::optional<CursorStyle> ParseCursorStyle(std::string_view name);  // "offset" | "opaque"
std::string_view CursorStyleName(CursorStyle style);

class CursorCodec {
 public:
  // `filter` is the canonical key of the connection's filter (opaque cursors carry its hash).
  CursorCodec(CursorStyle style, std::string_view filter);
  std::string Encode(int64_t offset) const;
  // The offset, or none when the cursor is garbage or (opaque) of another filter.
  std::optional<int64_t> Decode(std::string_view cursor) const;
  bool opaque() const { return style_ == CursorStyle::kOpaque; }

 private:
  CursorStyle style_;
  uint64_t filter_hash_ = 0;
};

}  // namespace gb::sim
