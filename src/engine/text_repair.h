// Lossless repairs of API text before it reaches the database: PostgreSQL
// text cannot hold NUL, and neither destination accepts invalid UTF-8. A lone
// UTF-16 surrogate sent as a JSON escape ("\ud800") arrives from the node
// parser as its generalized UTF-8 form (ED A0 80, "WTF-8"): one U+FFFD
// replaces it. The repaired text is what gets stored; the original bytes are
// kept, base64-encoded, in metadata, and for surrogates also the text as the
// API escaped it, so nothing is lost and a person can read what was sent.
#pragma once

#include <string>
#include <string_view>

namespace gb {

struct RepairedText {
  std::string text;
  bool changed = false;
  // What was repaired, comma-separated, in this order: "nul", "lone_surrogate",
  // "invalid_utf8".
  std::string issue;
  std::string original_base64;  // the bytes as received, when changed
  // When the only defects are lone surrogates (and NULs): the original as a
  // JSON string body, surrogates written "\ud800" as the API sent them.
  std::string original_escaped;
};

// NUL characters removed, each lone surrogate replaced by one U+FFFD, every
// other invalid UTF-8 byte replaced by U+FFFD.
RepairedText RepairText(std::string_view text);
// The same, keeping `text`'s buffer when nothing needs repair (the usual case).
RepairedText RepairOwnedText(std::string&& text);

std::string Base64Encode(std::string_view bytes);

}  // namespace gb
