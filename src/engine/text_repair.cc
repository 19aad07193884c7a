#include "engine/text_repair.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cstring>

#include "engine/utf8.h"

namespace gb {
namespace {

struct Scan {
  bool nul = false;
  bool surrogate = false;
  bool invalid = false;  // invalid UTF-8 other than an encoded surrogate
};

// Runs on every title and comment: almost all are valid UTF-8 without NUL,
// which two vectorised passes tell (simdjson's validator is as strict as
// Utf8SequenceLength); the others are scanned sequence by sequence.
Scan ScanText(std::string_view text) {
  Scan scan;
  if (std::memchr(text.data(), '\0', text.size()) == nullptr &&
      simdjson::validate_utf8(text.data(), text.size())) {
    return scan;
  }
  for (size_t pos = 0; pos < text.size();) {
    if (text[pos] == '\0') scan.nul = true;
    size_t len = Utf8SequenceLength(text, pos);
    if (len == 0 && (len = EncodedSurrogateLength(text, pos)) != 0) scan.surrogate = true;
    if (len == 0) {
      scan.invalid = true;
      len = 1;
    }
    pos += len;
  }
  return scan;
}

uint32_t SurrogateValue(std::string_view text, size_t pos) {
  return ((static_cast<unsigned char>(text[pos]) & 0x0F) << 12) |
         ((static_cast<unsigned char>(text[pos + 1]) & 0x3F) << 6) |
         (static_cast<unsigned char>(text[pos + 2]) & 0x3F);
}

// The stored text: no NUL, one U+FFFD per lone surrogate or per invalid byte.
std::string Repaired(std::string_view text, const Scan& scan) {
  std::string without_nul;
  without_nul.reserve(text.size());
  for (char c : text) {
    if (c != '\0') without_nul += c;
  }
  return scan.surrogate || scan.invalid ? ReplaceInvalidUtf8(without_nul) : without_nul;
}

// The text as a JSON string body: what the API sent, surrogates included.
// Only called when every sequence is valid UTF-8 or an encoded surrogate.
std::string Escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t pos = 0; pos < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    size_t len = Utf8SequenceLength(text, pos);
    if (len == 0) {
      out += fmt::format("\\u{:04x}", SurrogateValue(text, pos));
      len = 3;
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out.append(text.substr(pos, len));
    }
    pos += len;
  }
  return out;
}

}  // namespace

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
  const Scan scan = ScanText(text);
  if (!scan.nul && !scan.surrogate && !scan.invalid) {
    out.text = std::string(text);
    return out;
  }
  out.text = Repaired(text, scan);
  out.changed = true;
  for (auto [flag, name] : {std::pair{scan.nul, "nul"}, std::pair{scan.surrogate, "lone_surrogate"},
                            std::pair{scan.invalid, "invalid_utf8"}}) {
    if (!flag) continue;
    if (!out.issue.empty()) out.issue += ',';
    out.issue += name;
  }
  out.original_base64 = Base64Encode(text);
  if (scan.surrogate && !scan.invalid) out.original_escaped = Escaped(text);
  return out;
}

RepairedText RepairOwnedText(std::string&& text) {
  const Scan scan = ScanText(text);
  if (scan.nul || scan.surrogate || scan.invalid) return RepairText(std::string_view(text));
  RepairedText out;
  out.text = std::move(text);
  return out;
}

}  // namespace gb
