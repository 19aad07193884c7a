#include "cli/token_text.h"

#include <algorithm>

#include "core/clock.h"
#include "core/iso_time.h"
#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb::cli {

std::string HumanSpan(int64_t seconds) {
  if (seconds >= 2 * 86400) return TrFormat("{} days", FormatCount(seconds / 86400));
  if (seconds >= 86400) return TrFormat("1 day {}h", (seconds % 86400) / 3600);
  if (seconds >= 3600) return fmt::format("{}h {:02}m", seconds / 3600, (seconds % 3600) / 60);
  if (seconds >= 60) return fmt::format("{}m", seconds / 60);
  return fmt::format("{}s", std::max<int64_t>(seconds, 0));
}

std::string ExpiryLine(const Token& token, int64_t now) {
  auto at = token.ExpiresAt();
  if (!at) return Tr("Access token: expiry unknown (the file has no expires_in/created_at).");
  const std::string when = FormatIsoUtc(*at);
  if (*at > now) {
    return TrFormat("Access token: expires in {} ({}).", HumanSpan(*at - now), when);
  }
  return TrFormat("Access token: expired {} ago ({}).", HumanSpan(now - *at), when);
}

int64_t EpochNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             SystemClock::Instance().Now().time_since_epoch())
      .count();
}

}  // namespace gb::cli
