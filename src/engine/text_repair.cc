#include "engine/text_repair.h"

#include "engine/utf8.h"

namespace gb {

std::string Base64Encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    const bool two = i + 1 < bytes.size();
    if (two) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += two ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

RepairedText RepairText(std::string_view text) {
  RepairedText out;
  const bool has_nul = text.find('\0') != std::string_view::npos;
  const bool valid = IsValidUtf8(text);
  if (!has_nul && valid) {
    out.text = std::string(text);
    return out;
  }
  std::string without_nul;
  without_nul.reserve(text.size());
  for (char c : text) {
    if (c != '\0') without_nul += c;
  }
  out.text = valid ? std::move(without_nul) : ReplaceInvalidUtf8(without_nul);
  out.changed = true;
  out.issue = has_nul && !valid ? "nul,invalid_utf8" : (has_nul ? "nul" : "invalid_utf8");
  out.original_base64 = Base64Encode(text);
  return out;
}

}  // namespace gb
