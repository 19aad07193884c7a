// Lossless repairs of API text before it reaches the database: PostgreSQL
// text cannot hold NUL, and neither destination accepts invalid UTF-8 (a lone
// surrogate from "\ud800" arrives as invalid bytes). The repaired text is what
// gets stored; the original bytes are kept, base64-encoded, in metadata, so
// nothing is lost.
#pragma once

#include <string>
#include <string_view>

namespace gb {

struct RepairedText {
  std::string text;
  bool changed = false;
  std::string issue;            // "nul", "invalid_utf8" or "nul,invalid_utf8"
  std::string original_base64;  // the bytes as received, when changed
};

// NUL characters removed, invalid UTF-8 bytes replaced by U+FFFD.
RepairedText RepairText(std::string_view text);

std::string Base64Encode(std::string_view bytes);

}  // namespace gb
