#include "source/wtf8_json_string.h"

#include <cctype>

namespace gb {
namespace {

std::optional<uint32_t> Hex4(std::string_view s, size_t pos) {
  if (pos + 4 > s.size()) return std::nullopt;
  uint32_t v = 0;
  for (size_t i = pos; i < pos + 4; ++i) {
    const char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
  }
  return v;
}

// Any code point up to U+10FFFF, surrogates included (the WTF-8 part).
void AppendCodePoint(uint32_t cp, std::string* out) {
  auto put = [&](uint32_t byte) { out->push_back(static_cast<char>(byte)); };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
}

// \uXXXX at body[pos] (pos at the 'u'), joined with a following low
// surrogate escape when it makes a pair. Returns the characters consumed.
size_t UnicodeEscape(std::string_view body, size_t pos, std::string* out) {
  auto cp = Hex4(body, pos + 1);
  if (!cp) return 0;
  size_t used = 5;
  if (*cp >= 0xD800 && *cp <= 0xDBFF && body.substr(pos + 5, 2) == "\\u") {
    auto low = Hex4(body, pos + 7);
    if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
      *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
      used = 11;
    }
  }
  AppendCodePoint(*cp, out);
  return used;
}

}  // namespace

std::optional<std::string> DecodeJsonStringWtf8(std::string_view token) {
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) {
    token.remove_suffix(1);
  }
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return std::nullopt;
  const std::string_view body = token.substr(1, token.size() - 2);
  std::string out;
  out.reserve(body.size());
  for (size_t pos = 0; pos < body.size();) {
    const char c = body[pos];
    if (c != '\\') {
      out += c;
      ++pos;
      continue;
    }
    if (pos + 1 >= body.size()) return std::nullopt;
    const char e = body[pos + 1];
    static constexpr std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
    if (size_t k = kFrom.find(e); k != std::string_view::npos) {
      out += kTo[k];
      pos += 2;
    } else if (e == 'u') {
      const size_t used = UnicodeEscape(body, pos + 1, &out);
      if (used == 0) return std::nullopt;
      pos += 1 + used;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace gb
