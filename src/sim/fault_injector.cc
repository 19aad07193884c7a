#include "sim/fault_injector.h"

#include <cmath>

namespace gb::sim {
namespace {

using json = nlohmann::json;

// One table of the fault fields, so the JSON names cannot drift from the struct.
template <class Fn>
void ForEachFault(FaultOptions& f, Fn fn) {
  fn("latency_ms", f.latency_ms);
  fn("latency_jitter_ms", f.latency_jitter_ms);
  fn("latency_per_node_ms", f.latency_per_node_ms);
  fn("max_page_size", f.max_page_size);
  fn("max_page_size_refuses", f.max_page_size_refuses);
  fn("error_5xx_share", f.error_5xx_share);
  fn("rps_limit", f.rps_limit);
  fn("hang_share", f.hang_share);
  fn("hang_ms", f.hang_ms);
  fn("truncate_share", f.truncate_share);
  fn("garble_share", f.garble_share);
  fn("new_entries_per_second", f.new_entries_per_second);
  fn("expire_tokens_now", f.expire_tokens_now);
  fn("refresh_fails", f.refresh_fails);
  fn("list_deleted_users", f.list_deleted_users);
  fn("users_not_authorized", f.users_not_authorized);
}

}  // namespace

json StatsToJson(const SimStats& s) {
  return json{{"requests", s.requests},
              {"graphql_requests", s.graphql_requests},
              {"entries_served", s.entries_served},
              {"rate_limited", s.rate_limited},
              {"errors_5xx", s.errors_5xx},
              {"hangs", s.hangs},
              {"truncated", s.truncated},
              {"garbled", s.garbled},
              {"unauthorized", s.unauthorized},
              {"token_refreshes", s.token_refreshes},
              {"graphql_errors", s.graphql_errors},
              {"arrived", s.arrived},
              {"deleted", s.deleted},
              {"backdated", s.backdated},
              {"edited", s.edited}};
}

json FaultsToJson(const FaultOptions& faults) {
  json out = json::object();
  FaultOptions copy = faults;
  ForEachFault(copy, [&](const char* name, auto& value) { out[name] = value; });
  return out;
}

Result<FaultOptions> MergeFaults(FaultOptions base, const json& patch) {
  if (!patch.is_object()) return Fail(ErrorKind::kConfig, "faults must be a JSON object");
  for (const auto& [key, value] : patch.items()) {
    bool known = false, ok = true;
    ForEachFault(base, [&](const char* name, auto& field) {
      if (key != name) return;
      known = true;
      using T = std::decay_t<decltype(field)>;
      if constexpr (std::is_same_v<T, bool>) {
        ok = value.is_boolean();
      } else {
        ok = value.is_number() && value.template get<double>() >= 0;
      }
      if (ok) field = value.template get<T>();
    });
    if (!known) {
      return Fail(ErrorKind::kConfig,
                  "unknown fault \"" + key + "\"; known: " + FaultsToJson({}).dump());
    }
    if (!ok) return Fail(ErrorKind::kConfig, "fault \"" + key + "\" has a value of the wrong type");
  }
  return base;
}

FaultInjector::FaultInjector(FaultOptions initial, uint64_t seed, Clock& clock)
    : clock_(clock),
      faults_(initial),
      rng_(seed ^ 0xfa17),
      bucket_at_(clock.Steady()),
      rate_since_(clock.Steady()) {
  bucket_ = faults_.rps_limit;
}

FaultOptions FaultInjector::Get() const {
  std::lock_guard lock(mu_);
  return faults_;
}

void FaultInjector::Set(const FaultOptions& faults) {
  std::lock_guard lock(mu_);
  arrived_base_ = ArrivedLocked();  // fold arrivals at the old rate before changing it
  rate_since_ = clock_.Steady();
  if (faults.rps_limit != faults_.rps_limit) {
    bucket_ = faults.rps_limit;
    bucket_at_ = clock_.Steady();
  }
  faults_ = faults;
  faults_.expire_tokens_now = false;
}

int64_t FaultInjector::ArrivedLocked() const {
  double seconds = std::chrono::duration<double>(clock_.Steady() - rate_since_).count();
  return arrived_base_ + static_cast<int64_t>(std::floor(faults_.new_entries_per_second * seconds));
}

int64_t FaultInjector::Arrived() const {
  std::lock_guard lock(mu_);
  return ArrivedLocked();
}

void FaultInjector::AddArrivals(int64_t n) {
  std::lock_guard lock(mu_);
  arrived_base_ += n;
}

// A token bucket holding one second of requests.
bool FaultInjector::RateLimitedLocked(int* retry_after_s) {
  double rps = faults_.rps_limit;
  if (rps <= 0) return false;
  auto now = clock_.Steady();
  bucket_ = std::min(std::max(rps, 1.0),
                     bucket_ + rps * std::chrono::duration<double>(now - bucket_at_).count());
  bucket_at_ = now;
  if (bucket_ >= 1) {
    bucket_ -= 1;
    return false;
  }
  *retry_after_s = std::max(1, static_cast<int>(std::ceil((1 - bucket_) / rps)));
  return true;
}

FaultDecision FaultInjector::Decide() {
  std::lock_guard lock(mu_);
  FaultDecision d;
  std::uniform_real_distribution<double> unit(0, 1);
  if (RateLimitedLocked(&d.retry_after_s)) {
    d.action = FaultDecision::Action::kRateLimited;
    d.status = 429;
    return d;
  }
  if (unit(rng_) < faults_.hang_share) {
    d.action = FaultDecision::Action::kHang;
    d.hang = std::chrono::milliseconds(faults_.hang_ms);
    return d;
  }
  if (unit(rng_) < faults_.error_5xx_share) {
    static constexpr int kStatuses[] = {500, 502, 503};
    d.action = FaultDecision::Action::kError5xx;
    d.status = kStatuses[rng_() % 3];
    return d;
  }
  int jitter = faults_.latency_jitter_ms;
  int latency =
      faults_.latency_ms + (jitter > 0 ? static_cast<int>(rng_() % (2 * jitter + 1)) - jitter : 0);
  d.latency = std::chrono::milliseconds(std::max(0, latency));
  d.truncate = unit(rng_) < faults_.truncate_share;
  d.garble = !d.truncate && unit(rng_) < faults_.garble_share;
  return d;
}

}  // namespace gb::sim
