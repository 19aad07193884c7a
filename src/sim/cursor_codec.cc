// Cursor encoding (see cursor_codec.h).
#include "sim/cursor_codec.h"

#include <fmt/format.h>

#include <charconv>

namespace gb::sim {
namespace {

constexpr std::string_view kB64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kOffsetPrefix = "arrayconnection:";
constexpr std::string_view kOpaquePrefix = "gb1:";

std::string Base64(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) out.push_back(kB64[(acc >> (bits -= 6)) & 63]);
  }
  if (bits > 0) out.push_back(kB64[(acc << (6 - bits)) & 63]);
  while (out.size() % 4) out.push_back('=');
  return out;
}

std::optional<std::string> Unbase64(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    auto v = kB64.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) out.push_back(static_cast<char>((acc >> (bits -= 8)) & 0xFF));
  }
  return out;
}

std::optional<int64_t> Number(std::string_view text) {
  int64_t value = -1;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty() || value < 0)
    return std::nullopt;
  return value;
}

// FNV-1a 64 of the filter key.
uint64_t FilterHash(std::string_view filter) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : filter) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

std::optional<CursorStyle> ParseCursorStyle(std::string_view name) {
  if (name == "offset") return CursorStyle::kOffset;
  if (name == "opaque") return CursorStyle::kOpaque;
  return std::nullopt;
}

std::string_view CursorStyleName(CursorStyle style) {
  return style == CursorStyle::kOpaque ? "opaque" : "offset";
}

CursorCodec::CursorCodec(CursorStyle style, std::string_view filter)
    : style_(style), filter_hash_(style == CursorStyle::kOpaque ? FilterHash(filter) : 0) {}

std::string CursorCodec::Encode(int64_t offset) const {
  if (style_ == CursorStyle::kOffset)
    return Base64(std::string(kOffsetPrefix) + std::to_string(offset));
  return Base64(fmt::format("{}{:016x}:{}", kOpaquePrefix, filter_hash_, offset));
}

std::optional<int64_t> CursorCodec::Decode(std::string_view cursor) const {
  auto text = Unbase64(cursor);
  if (!text) return std::nullopt;
  std::string_view t = *text;
  if (style_ == CursorStyle::kOffset) {
    if (!t.starts_with(kOffsetPrefix)) return std::nullopt;
    return Number(t.substr(kOffsetPrefix.size()));
  }
  const std::string bound = fmt::format("{}{:016x}:", kOpaquePrefix, filter_hash_);
  if (!t.starts_with(bound)) return std::nullopt;  // garbage, or issued under another filter
  return Number(t.substr(bound.size()));
}

}  // namespace gb::sim
