#include "engine/retrying_session.h"

#include <algorithm>

namespace gb {

RetryingSession::RetryingSession(Destination& destination, Observer& observer, Clock& clock,
                                 std::mutex* serialize, const std::atomic<bool>& stop)
    : destination_(destination),
      observer_(observer),
      clock_(clock),
      serialize_(serialize),
      stop_(stop) {}

std::chrono::milliseconds RetryingSession::Backoff(int attempt) {
  const int64_t ms = 250LL << std::min(attempt - 1, 7);  // 0.25 s, 0.5 s, ... capped at 30 s
  return std::chrono::milliseconds(std::min<int64_t>(ms, 30000));
}

Status RetryingSession::Once(const std::function<Status(Session&)>& op) {
  std::unique_lock<std::mutex> lock;
  if (serialize_ != nullptr) lock = std::unique_lock(*serialize_);
  if (!session_) {
    auto connected = destination_.Connect();
    if (!connected) return tl::unexpected(connected.error());
    session_ = std::move(*connected);
  }
  Status status = op(*session_);
  if (!status) {
    session_->Rollback();
    // After a transient error the connection is suspect: start afresh.
    if (status.error().kind == ErrorKind::kTransient) session_.reset();
  }
  return status;
}

Status RetryingSession::Run(const std::function<Status(Session&)>& op) {
  for (attempts_ = 1;; ++attempts_) {
    Status status = Once(op);
    if (status || status.error().kind != ErrorKind::kTransient) return status;
    // A lost lease is final for this batch: another worker owns the unit now.
    if (IsLostLease(status.error())) return status;
    if (attempts_ >= kMaxAttempts || stop_) return status;
    const auto delay = Backoff(attempts_);
    observer_.On(
        RetryScheduled{"database", status.error().message, attempts_, delay, clock_.Now() + delay});
    clock_.SleepFor(delay);
  }
}

}  // namespace gb
