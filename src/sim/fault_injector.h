// The switchable faults of the simulator: decides, per GraphQL request,
// whether it is rate limited (429 + Retry-After), hung, answered 5xx, delayed,
// truncated or garbled; and how many new entries have arrived at the top.
// Thread-safe; changed while running by SimServer::SetFaults or the admin endpoint.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>

#include "core/clock.h"
#include "core/error.h"
#include "sim/sim_options.h"

namespace gb::sim {

// Counters shown by GET /admin/stats.
struct SimStats {
  int64_t requests = 0;          // every HTTP request
  int64_t graphql_requests = 0;  // POST /graphql/private/
  int64_t entries_served = 0;    // timeline nodes written
  int64_t rate_limited = 0;      // 429
  int64_t errors_5xx = 0;
  int64_t hangs = 0;
  int64_t truncated = 0;
  int64_t garbled = 0;
  int64_t unauthorized = 0;  // 401
  int64_t token_refreshes = 0;
  int64_t graphql_errors = 0;  // answers with an "errors" array
  int64_t arrived = 0;         // new entries at the top so far
  int64_t deleted = 0;         // entries deleted (POST /admin/delete-entries, /admin/changes)
  int64_t backdated = 0;       // back-dated entries inserted (POST /admin/changes)
  int64_t edited = 0;          // entries whose comment was edited (POST /admin/changes)
};
nlohmann::json StatsToJson(const SimStats& stats);

nlohmann::json FaultsToJson(const FaultOptions& faults);
// Applies the keys of `patch` (same names as FaultOptions' fields) to `base`;
// kConfig for an unknown key or a value of the wrong type.
Result<FaultOptions> MergeFaults(FaultOptions base, const nlohmann::json& patch);

struct FaultDecision {
  enum class Action { kServe, kRateLimited, kHang, kError5xx } action = Action::kServe;
  int status = 200;
  int retry_after_s = 0;
  std::chrono::milliseconds latency{0};
  std::chrono::milliseconds hang{0};
  bool truncate = false;
  bool garble = false;
};

class FaultInjector {
 public:
  FaultInjector(FaultOptions initial, uint64_t seed, Clock& clock);

  FaultOptions Get() const;
  void Set(const FaultOptions& faults);  // expire_tokens_now is the caller's to act on
  FaultDecision Decide();
  int64_t Arrived() const;
  void AddArrivals(int64_t n);

 private:
  bool RateLimitedLocked(int* retry_after_s);
  int64_t ArrivedLocked() const;

  Clock& clock_;
  mutable std::mutex mu_;
  FaultOptions faults_;
  std::mt19937_64 rng_;
  double bucket_ = 0;
  std::chrono::steady_clock::time_point bucket_at_;
  int64_t arrived_base_ = 0;
  std::chrono::steady_clock::time_point rate_since_;
};

}  // namespace gb::sim
