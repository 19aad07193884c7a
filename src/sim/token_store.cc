#include "sim/token_store.h"

#include <fmt/format.h>

#include "sim/sim_hash.h"

namespace gb::sim {

TokenStore::TokenStore(uint64_t seed, int64_t ttl_s, Clock& clock, bool expired_at_start)
    : seed_(seed), ttl_s_(ttl_s), clock_(clock) {
  initial_.client_id = "sim-client-id";
  initial_.client_secret = fmt::format("sim-client-secret-{:08x}", Hash(seed, 1, 400) & 0xffffffff);
  initial_.api_key = fmt::format("sim-api-key-{:016x}", Hash(seed, 2, 400));
  std::lock_guard lock(mu_);
  IssuedToken first = IssueLocked(Now());
  initial_.access_token = first.access_token;
  initial_.refresh_token = first.refresh_token;
  initial_.created_at = first.created_at;
  initial_.expires_in = first.expires_in;
  if (expired_at_start) access_expiry_[first.access_token] = Now() - 1;
}

int64_t TokenStore::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
}

IssuedToken TokenStore::IssueLocked(int64_t now) {
  ++issued_;
  IssuedToken t;
  t.access_token =
      fmt::format("sim_at_{:016x}{:016x}", Hash(seed_, issued_, 401), Hash(seed_, issued_, 402));
  t.refresh_token =
      fmt::format("sim_rt_{:016x}{:016x}", Hash(seed_, issued_, 403), Hash(seed_, issued_, 404));
  t.created_at = now;
  t.expires_in = ttl_s_;
  access_expiry_[t.access_token] = now + ttl_s_;
  refresh_valid_[t.refresh_token] = true;
  return t;
}

AuthCheck TokenStore::CheckBearer(std::string_view token) {
  if (token.empty()) return AuthCheck::kMissing;
  std::lock_guard lock(mu_);
  auto it = access_expiry_.find(token);
  if (it == access_expiry_.end()) return AuthCheck::kInvalid;
  if (Now() >= it->second) return AuthCheck::kExpired;
  if (auto r = revoke_on_use_.find(token); r != revoke_on_use_.end()) {
    refresh_valid_.erase(r->second);  // the new token is in use: the old refresh token retires
    revoke_on_use_.erase(r);
  }
  return AuthCheck::kOk;
}

bool TokenStore::CheckClient(std::string_view client_id, std::string_view client_secret) const {
  return client_id == initial_.client_id && client_secret == initial_.client_secret;
}

IssuedToken TokenStore::Issue() {
  std::lock_guard lock(mu_);
  return IssueLocked(Now());
}

Result<IssuedToken> TokenStore::Refresh(std::string_view client_id, std::string_view client_secret,
                                        std::string_view refresh_token) {
  if (!CheckClient(client_id, client_secret)) {
    return Fail(ErrorKind::kAuth, "Client authentication failed.", "invalid_client");
  }
  std::lock_guard lock(mu_);
  if (!refresh_valid_.contains(refresh_token)) {
    return Fail(ErrorKind::kAuth,
                "The provided authorization grant is invalid, expired or revoked.",
                "invalid_grant");
  }
  IssuedToken t = IssueLocked(Now());
  revoke_on_use_[t.access_token] = std::string(refresh_token);
  return t;
}

void TokenStore::ExpireAll() {
  std::lock_guard lock(mu_);
  int64_t now = Now();
  for (auto& [token, expiry] : access_expiry_) expiry = std::min(expiry, now - 1);
}

}  // namespace gb::sim
