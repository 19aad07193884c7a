// Codes of the wait reasons: one table, read both ways.
#include "core/wait_reason.h"

#include <utility>

namespace gb {

std::string_view WaitKindCode(WaitKind kind) {
  switch (kind) {
    case WaitKind::kNone:
    case WaitKind::kText:
      return "";
    case WaitKind::kApiRateLimited:
      return "api_rate_limited";
    case WaitKind::kApiRetry:
      return "api_retry";
    case WaitKind::kDatabaseRetry:
      return "database_retry";
    case WaitKind::kTokenRefreshFailed:
      return "token_refresh_failed";
    case WaitKind::kSlow:
      return "slow";
    case WaitKind::kStoppedOnRequest:
      return "stopped_on_request";
    case WaitKind::kFailed:
      return "failed";
    case WaitKind::kSourceChanged:
      return "source_changed";
  }
  return "";
}

WaitReason WaitReasonFromCode(std::string_view code, std::string legacy_text) {
  WaitReason reason;
  if (!code.empty()) {
    for (WaitKind kind : kWaitKinds) {
      if (WaitKindCode(kind) == code) {
        reason.kind = kind;
        return reason;
      }
    }
  }
  if (!legacy_text.empty()) {
    reason.kind = WaitKind::kText;
    reason.detail = std::move(legacy_text);
  }
  return reason;
}

WaitReason Because(WaitKind kind, std::string detail) {
  WaitReason reason;
  reason.kind = kind;
  reason.detail = std::move(detail);
  return reason;
}

WaitReason SlowPace(int64_t rate, int64_t pace) {
  WaitReason reason;
  reason.kind = WaitKind::kSlow;
  reason.rate = rate;
  reason.pace = pace;
  return reason;
}

WaitReason RetryWait(std::string_view what, int http_status, std::string cause, int attempt,
                     std::chrono::system_clock::time_point until) {
  WaitReason reason;
  reason.kind = what == "database"   ? WaitKind::kDatabaseRetry
                : http_status == 429 ? WaitKind::kApiRateLimited
                                     : WaitKind::kApiRetry;
  reason.until = until;
  reason.attempt = attempt;
  reason.http_status = http_status;
  reason.detail = std::move(cause);
  return reason;
}

}  // namespace gb
