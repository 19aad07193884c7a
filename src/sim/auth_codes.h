// The authorization codes of the simulator's OAuth code grant, as Gazelle's
// OAuth server (Doorkeeper) hands them out: each is single-use, expires after
// a short time (ten minutes by default) and is bound to the client and the
// redirect URI it was issued for, so the client's exchange meets the same
// refusals (invalid_grant) as against the real service.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"

namespace gb::sim {

class AuthCodeStore {
 public:
  AuthCodeStore(uint64_t seed, int64_t ttl_s, Clock& clock);

  // A new code for `client_id` sending the user back to `redirect_uri`.
  std::string Issue(std::string_view client_id, std::string_view redirect_uri);

  // Consumes `code` (whatever the outcome: a code is never good twice).
  // kAuth with Error::code "invalid_grant" when it is unknown, used, expired,
  // or was issued to another client or redirect URI.
  Status Redeem(std::string_view code, std::string_view client_id, std::string_view redirect_uri);

 private:
  struct Grant {
    std::string client_id;
    std::string redirect_uri;
    int64_t expires_at = 0;
  };
  int64_t Now() const;

  uint64_t seed_;
  int64_t ttl_s_;
  Clock& clock_;
  std::mutex mu_;
  uint64_t issued_ = 0;
  std::map<std::string, Grant, std::less<>> live_;
};

}  // namespace gb::sim
