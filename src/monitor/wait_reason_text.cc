// The sentences of the wait reasons, from their codes and fields.
#include "monitor/wait_reason_text.h"

#include <date/date.h>

#include "monitor/format.h"
#include "monitor/i18n.h"

namespace gb {
namespace {

// The old sentences gave the time as "14:02:31 UTC": so do these.
std::string UntilText(const WaitReason& reason) {
  if (!reason.until) return "?";
  return date::format("%H:%M:%S UTC", date::floor<std::chrono::seconds>(*reason.until));
}

std::string CauseText(const WaitReason& reason) {
  if (reason.kind == WaitKind::kApiRateLimited) return RetryCauseText(429, reason.detail);
  return RetryCauseText(reason.http_status, reason.detail);
}

}  // namespace

std::string RetryCauseText(int http_status, std::string_view cause) {
  if (http_status == 429) return Tr("429 Too Many Requests");
  // An error message from below monitor/, not a wait reason: its own words
  // (translated where the error vocabulary is known, see TrReason).
  return TrReason(cause);
}

std::string WaitReasonText(const WaitReason& reason) {
  switch (reason.kind) {
    case WaitKind::kNone:
      return {};
    case WaitKind::kApiRateLimited:
    case WaitKind::kApiRetry:
      return TrFormat("waiting on the API ({}) until {}", CauseText(reason), UntilText(reason));
    case WaitKind::kDatabaseRetry:
      return TrFormat("waiting on the database ({}) until {}", CauseText(reason),
                      UntilText(reason));
    case WaitKind::kTokenRefreshFailed:
      return TrFormat("token refresh failed: {}", TrReason(reason.detail));
    case WaitKind::kSlow:
      return TrFormat("{} entries/s, below its recent pace of {} entries/s",
                      FormatCount(reason.rate), FormatCount(reason.pace));
    case WaitKind::kStoppedOnRequest:
      return Tr("stopped on request; rerun the same command to resume");
    case WaitKind::kFailed:
      return TrFormat(
          "stopped: {}. Progress up to the last committed batch is saved; fix the cause and "
          "rerun the same command to resume",
          TrReason(reason.detail));
    case WaitKind::kSourceChanged:
      return TrFormat(
          "the source changed during the final check ({} differ); rerun the same command to "
          "resume",
          reason.detail);
    case WaitKind::kText:
      return reason.detail;
  }
  return reason.detail;
}

}  // namespace gb
