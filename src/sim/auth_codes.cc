#include "sim/auth_codes.h"

#include <fmt/format.h>

#include <random>

#include "sim/sim_hash.h"

namespace gb::sim {
namespace {

tl::unexpected<Error> InvalidGrant() {
  return Fail(ErrorKind::kAuth,
              "The provided authorization grant is invalid, expired, revoked, does not match the "
              "redirection URI used in the authorization request, or was issued to another "
              "client.",
              "invalid_grant");
}

}  // namespace

AuthCodeStore::AuthCodeStore(uint64_t seed, int64_t ttl_s, Clock& clock)
    // Codes, unlike the dataset, differ from one simulator run to the next:
    // a test cannot pass by reusing a code it saw before.
    : seed_(seed ^ std::random_device{}()), ttl_s_(ttl_s), clock_(clock) {}

int64_t AuthCodeStore::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
}

std::string AuthCodeStore::Issue(std::string_view client_id, std::string_view redirect_uri) {
  std::lock_guard lock(mu_);
  ++issued_;
  std::string code =
      fmt::format("sim_code_{:016x}{:016x}", Hash(seed_, issued_, 405), Hash(seed_, issued_, 406));
  live_[code] = Grant{std::string(client_id), std::string(redirect_uri), Now() + ttl_s_};
  return code;
}

Status AuthCodeStore::Redeem(std::string_view code, std::string_view client_id,
                             std::string_view redirect_uri) {
  std::lock_guard lock(mu_);
  auto it = live_.find(code);
  if (it == live_.end()) return InvalidGrant();
  Grant grant = std::move(it->second);
  live_.erase(it);
  if (grant.client_id != client_id || grant.redirect_uri != redirect_uri ||
      Now() >= grant.expires_at) {
    return InvalidGrant();
  }
  return {};
}

}  // namespace gb::sim
