#include "cli/duration_flag.h"

#include <charconv>
#include <cstdint>

#include "monitor/i18n.h"

namespace gb::cli {

Result<std::chrono::seconds> ParseDurationFlag(std::string_view flag, std::string_view text) {
  int64_t n = 0;
  const char* end = text.data() + text.size();
  auto [unit, ec] = std::from_chars(text.data(), end, n);
  int64_t scale = 0;
  if (ec == std::errc() && unit + 1 == end) {
    switch (*unit) {
      case 's':
        scale = 1;
        break;
      case 'm':
        scale = 60;
        break;
      case 'h':
        scale = 3600;
        break;
      case 'd':
        scale = 86400;
        break;
      default:
        break;
    }
  }
  if (scale == 0 || n <= 0 || n > 3650 * 86400 / scale) {
    return Fail(ErrorKind::kConfig,
                TrFormat("{} {}: give a duration as a number and a unit: s, m, h or d (for "
                         "example 90s, 15m, 2h, 30d).",
                         flag, text));
  }
  return std::chrono::seconds(n * scale);
}

}  // namespace gb::cli
