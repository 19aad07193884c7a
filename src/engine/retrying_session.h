// A stream's connection to the destination: connects lazily, runs an
// operation, and on a transient error (connection lost, deadlock,
// serialization failure) rolls back, reconnects and runs it again with
// exponential backoff, reporting each retry (RetryScheduled what="database").
// Any other error is returned at once. When the destination allows only one
// writer (SQLite), `serialize` is held around every operation.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

#include "core/clock.h"
#include "core/events.h"
#include "sink/destination.h"

namespace gb {

class RetryingSession {
 public:
  RetryingSession(Destination& destination, Observer& observer, Clock& clock, std::mutex* serialize,
                  const std::atomic<bool>& stop);

  // Runs `op` until it succeeds, fails non-transiently, the retry budget is
  // spent or `stop` is set. `op` must be safe to run again (one transaction).
  Status Run(const std::function<Status(Session&)>& op);
  // The same for a read: what `op` gave, once it succeeded.
  template <class T>
  Result<T> Read(const std::function<Result<T>(Session&)>& op) {
    T value{};
    Status status = Run([&](Session& s) -> Status {
      auto read = op(s);
      if (!read) return tl::unexpected(read.error());
      value = std::move(*read);
      return {};
    });
    if (!status) return tl::unexpected(status.error());
    return value;
  }

  int attempts() const { return attempts_; }  // of the last Run

  static constexpr int kMaxAttempts = 10;
  static std::chrono::milliseconds Backoff(int attempt);

 private:
  Status Once(const std::function<Status(Session&)>& op);

  Destination& destination_;
  Observer& observer_;
  Clock& clock_;
  std::mutex* serialize_;
  const std::atomic<bool>& stop_;
  std::unique_ptr<Session> session_;
  int attempts_ = 0;
};

}  // namespace gb
