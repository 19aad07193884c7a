// WaitReason to and from its columns.
#include "sink/stored_wait_reason.h"

namespace gb {
namespace {

template <class T>
std::optional<T> Unless0(T value) {
  return value != T{} ? std::optional<T>(value) : std::nullopt;
}

}  // namespace

StoredWaitReason ToStored(const WaitReason& reason) {
  StoredWaitReason s;
  if (reason.kind == WaitKind::kText) {
    s.legacy = reason.detail;
    return s;
  }
  if (reason.empty()) return s;
  s.code = std::string(WaitKindCode(reason.kind));
  if (reason.until) {
    s.until = std::chrono::floor<std::chrono::seconds>(reason.until->time_since_epoch()).count();
  }
  s.attempt = Unless0<int64_t>(reason.attempt);
  s.http_status = Unless0<int64_t>(reason.http_status);
  s.detail = Unless0(reason.detail);
  s.rate = reason.kind == WaitKind::kSlow ? std::optional(reason.rate) : std::nullopt;
  s.pace = reason.kind == WaitKind::kSlow ? std::optional(reason.pace) : std::nullopt;
  return s;
}

WaitReason FromStored(const StoredWaitReason& stored) {
  WaitReason reason = WaitReasonFromCode(stored.code.value_or(""), stored.legacy);
  if (reason.kind == WaitKind::kText || reason.empty()) return reason;
  if (stored.until) {
    reason.until = std::chrono::system_clock::time_point(std::chrono::seconds(*stored.until));
  }
  reason.attempt = static_cast<int>(stored.attempt.value_or(0));
  reason.http_status = static_cast<int>(stored.http_status.value_or(0));
  reason.detail = stored.detail.value_or("");
  reason.rate = stored.rate.value_or(0);
  reason.pace = stored.pace.value_or(0);
  return reason;
}

}  // namespace gb
