#include "source/retrier.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace gb {

std::chrono::milliseconds BackoffCeiling(const RetryPolicy& policy, int attempt) {
  int64_t ceiling = policy.base_delay.count();
  for (int i = 1; i < attempt && ceiling < policy.max_delay.count(); ++i) ceiling *= 2;
  return std::chrono::milliseconds(std::min<int64_t>(ceiling, policy.max_delay.count()));
}

std::optional<std::chrono::milliseconds> ParseRetryAfter(
    std::string_view value, std::chrono::system_clock::time_point now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  int64_t seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && end == value.data() + value.size()) {
    return std::chrono::milliseconds(std::max<int64_t>(seconds, 0) * 1000);
  }
  // curl_getdate parses the three HTTP-date formats of RFC 9110.
  time_t at = curl_getdate(std::string(value).c_str(), nullptr);
  if (at == -1) return std::nullopt;
  auto delta = std::chrono::system_clock::from_time_t(at) - now;
  return std::max(std::chrono::duration_cast<std::chrono::milliseconds>(delta),
                  std::chrono::milliseconds(0));
}

namespace {

// The HTTP status behind an error (its code "http:503"), 429 for any rate
// limit (the token endpoint's too); 0 when there is none.
int HttpStatus(const Error& error) {
  if (error.kind == ErrorKind::kRateLimited) return 429;
  int status = 0;
  std::string_view code = error.code;
  if (!code.starts_with("http:")) return 0;
  code.remove_prefix(5);
  auto [end, ec] = std::from_chars(code.data(), code.data() + code.size(), status);
  return ec == std::errc() && end == code.data() + code.size() && status >= 100 && status < 600
             ? status
             : 0;
}

}  // namespace

Retrier::Retrier(RetryPolicy policy, Clock& clock, Observer& observer, std::string what,
                 uint64_t seed)
    : policy_(policy), clock_(clock), observer_(observer), what_(std::move(what)), rng_(seed) {}

std::chrono::milliseconds Retrier::Jitter(std::chrono::milliseconds ceiling) {
  std::lock_guard lock(mu_);
  std::uniform_int_distribution<int64_t> dist(0, ceiling.count());
  return std::chrono::milliseconds(dist(rng_));
}

bool Retrier::WaitBeforeRetry(Error* error, int* transient, int* limited) {
  std::chrono::milliseconds delay;
  int attempt;
  if (error->kind == ErrorKind::kRateLimited) {
    attempt = ++*limited;
    if (attempt >= policy_.max_rate_limited_attempts) {
      error->message =
          fmt::format("still rate-limited after {} attempts: {}", attempt, error->message);
      return false;
    }
    delay = error->retry_after.count() > 0 ? std::min(error->retry_after, policy_.max_retry_after)
                                           : Jitter(BackoffCeiling(policy_, attempt));
  } else {
    attempt = ++*transient;
    if (attempt >= policy_.max_attempts) {
      error->message = fmt::format("gave up after {} attempts: {}", attempt, error->message);
      return false;
    }
    delay = Jitter(BackoffCeiling(policy_, attempt));
  }
  RetryScheduled event;
  event.what = what_;
  event.reason = error->message;
  event.attempt = attempt;
  event.delay = delay;
  event.until = clock_.Now() + delay;
  event.http_status = HttpStatus(*error);
  observer_.On(event);
  clock_.SleepFor(delay);
  return true;
}

}  // namespace gb
