#include "monitor/format.h"

#include <fmt/format.h>

#include <cmath>
#include <ctime>

namespace gb {
namespace {

// Inserts the group separator every three digits of an unsigned digit string.
std::string Group(std::string_view digits, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return out;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string FormatCount(int64_t n, const Locale& locale) {
  // Through uint64_t so that INT64_MIN has a magnitude too.
  uint64_t magnitude = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  std::string grouped = Group(std::to_string(magnitude), locale.thousands_sep);
  return n < 0 ? "-" + grouped : grouped;
}

std::string FormatDecimal(double value, int decimals, const Locale& locale) {
  if (!std::isfinite(value)) return "-";
  std::string text = fmt::format("{:.{}f}", std::fabs(value), decimals);
  std::string_view whole = text;
  std::string_view fraction;
  if (size_t dot = text.find('.'); dot != std::string::npos) {
    whole = std::string_view(text).substr(0, dot);
    fraction = std::string_view(text).substr(dot + 1);
  }
  std::string out = (value < 0 && text.find_first_not_of("0.") != std::string::npos) ? "-" : "";
  out += Group(whole, locale.thousands_sep);
  if (!fraction.empty()) out += locale.decimal_point + std::string(fraction);
  return out;
}

std::string FormatPercent(int64_t done, int64_t total, const Locale& locale) {
  if (total <= 0) return done > 0 ? "100%" : "0%";
  int64_t pct = done >= total ? 100 : (done * 100) / total;
  if (pct < 0) pct = 0;
  return FormatCount(pct, locale) + "%";
}

std::string FormatPercent1(int64_t done, int64_t total, const Locale& locale) {
  if (total <= 0) return done > 0 ? "100%" : "0%";
  // Tenths, rounded down, so 99.99% never shows as 100.0%.
  int64_t tenths = done >= total ? 1000 : (done * 1000) / total;
  if (tenths < 0) tenths = 0;
  return FormatCount(tenths / 10, locale) + locale.decimal_point + std::to_string(tenths % 10) +
         "%";
}

std::string FormatRate(double per_second, const Locale& locale) {
  if (!std::isfinite(per_second) || per_second < 0) per_second = 0;
  std::string number = per_second < 10 && per_second > 0
                           ? FormatDecimal(per_second, 1, locale)
                           : FormatCount(std::llround(per_second), locale);
  return TrFormat("{} e/s", number);
}

std::string FormatDuration(std::chrono::seconds d) {
  int64_t s = d.count() < 0 ? 0 : d.count();
  int64_t h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
  // From two days on, days (a lag, the age of the last sync): seconds then say nothing.
  if (h >= 48) return fmt::format("{}d {:02}h {:02}m", h / 24, h % 24, m);
  if (h > 0) return fmt::format("{}h {:02}m {:02}s", h, m, sec);
  if (m > 0) return fmt::format("{}m {:02}s", m, sec);
  return fmt::format("{}s", sec);
}

std::string FormatDuration(std::chrono::milliseconds d) {
  return FormatDuration(std::chrono::duration_cast<std::chrono::seconds>(d));
}

std::string FormatClockTime(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm local{};
  localtime_r(&tt, &local);
  return fmt::format("{:02}:{:02}:{:02}", local.tm_hour, local.tm_min, local.tm_sec);
}

size_t DisplayWidth(std::string_view utf8) {
  size_t width = 0;
  for (char c : utf8) {
    if (!IsContinuationByte(c)) ++width;
  }
  return width;
}

std::string TruncateToWidth(std::string_view utf8, size_t width) {
  size_t columns = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    if (IsContinuationByte(utf8[i])) continue;
    if (columns == width) return std::string(utf8.substr(0, i));
    ++columns;
  }
  return std::string(utf8);
}

std::string PadLeft(std::string_view utf8, size_t width) {
  size_t w = DisplayWidth(utf8);
  return w >= width ? std::string(utf8) : std::string(width - w, ' ') + std::string(utf8);
}

std::string PadRight(std::string_view utf8, size_t width) {
  size_t w = DisplayWidth(utf8);
  return w >= width ? std::string(utf8) : std::string(utf8) + std::string(width - w, ' ');
}

}  // namespace gb
