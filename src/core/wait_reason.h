// Why a worker waits, is slow, or stopped: a kind and its fields, carried as
// a value from where it arises (a retry, a failed token refresh, the pace
// judge, the end of a run) through events, heartbeats and the workers table
// (reason_code plus one column per field) to the renderers, which alone turn
// it into words (monitor/wait_reason_text.h). A row an earlier version wrote
// holds an English sentence instead of a code: kText, shown as it is.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gb {

enum class WaitKind {
  kNone,                // not waiting
  kApiRateLimited,      // the API answered 429: waiting until `until`
  kApiRetry,            // another API failure a retry may cure (5xx, timeout, cut-off body)
  kDatabaseRetry,       // the database failed in a way a retry may cure
  kTokenRefreshFailed,  // the OAuth refresh failed (`detail`); no progress until fixed
  kSlow,                // running at `rate` entries/s, below its recent `pace`
  kStoppedOnRequest,    // SIGINT/SIGTERM: stopped, resumable
  kFailed,              // stopped by the error in `detail`, resumable
  kSourceChanged,       // the source kept changing during the final check (`detail`: years)
  kText,                // a free text an earlier version stored (`detail`)
};

inline constexpr std::array kWaitKinds = {WaitKind::kNone,
                                          WaitKind::kApiRateLimited,
                                          WaitKind::kApiRetry,
                                          WaitKind::kDatabaseRetry,
                                          WaitKind::kTokenRefreshFailed,
                                          WaitKind::kSlow,
                                          WaitKind::kStoppedOnRequest,
                                          WaitKind::kFailed,
                                          WaitKind::kSourceChanged,
                                          WaitKind::kText};

struct WaitReason {
  WaitKind kind = WaitKind::kNone;
  // Retries: when the next attempt starts; the attempt's number; the HTTP
  // status of the answer that caused it (0: none, a timeout or the database).
  std::optional<std::chrono::system_clock::time_point> until;
  int attempt = 0;
  int http_status = 0;
  // The cause as the source, the database or the engine said it (an error
  // message, the differing years, or kText's old sentence).
  std::string detail;
  // kSlow: entries/s over the last window, and the run's recent pace.
  int64_t rate = 0;
  int64_t pace = 0;

  bool empty() const { return kind == WaitKind::kNone; }
  bool operator==(const WaitReason&) const = default;
};

// The machine-readable code stored in the database and given as JSON's
// reason_code: "api_rate_limited", "slow", ...; "" for kNone and kText.
std::string_view WaitKindCode(WaitKind kind);

// The reason a stored row stands for: its code ("" or NULL for a row an
// earlier version wrote, then `legacy_text` is kText unless empty). An unknown
// code (a newer version's) is kText with the legacy text.
WaitReason WaitReasonFromCode(std::string_view code, std::string legacy_text = {});

// A reason of `kind` with only a detail (a token refresh's error, a stop's cause).
WaitReason Because(WaitKind kind, std::string detail = {});

// Slow: `rate` entries/s, below the recent `pace`.
WaitReason SlowPace(int64_t rate, int64_t pace);

// What a retry is waiting on: the API or the database.
WaitReason RetryWait(std::string_view what, int http_status, std::string cause, int attempt,
                     std::chrono::system_clock::time_point until);

}  // namespace gb
