// The simulator's OAuth side: test credentials (never real ones), access
// tokens that expire after a TTL on the given clock, refresh tokens that stay
// valid until the new access token is first used (Doorkeeper's rotation), and
// the API-key mode. The grants themselves are served by oauth_routes.h.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"

namespace gb::sim {

struct Credentials {
  std::string client_id;
  std::string client_secret;
  std::string access_token;
  std::string refresh_token;
  std::string api_key;  // for x-gazelle-api-key
  int64_t created_at = 0;
  int64_t expires_in = 0;
};

struct IssuedToken {
  std::string access_token;
  std::string refresh_token;
  int64_t expires_in = 0;
  int64_t created_at = 0;
};

enum class AuthCheck { kOk, kMissing, kInvalid, kExpired };

class TokenStore {
 public:
  // `expired_at_start`: the first access token is already expired (forces a refresh).
  TokenStore(uint64_t seed, int64_t ttl_s, Clock& clock, bool expired_at_start);

  const Credentials& initial() const { return initial_; }
  AuthCheck CheckBearer(std::string_view token);
  bool CheckApiKey(std::string_view key) const { return key == initial_.api_key; }
  bool CheckClient(std::string_view client_id, std::string_view client_secret) const;
  // A new access/refresh token pair (the code grant, once its code is redeemed).
  IssuedToken Issue();
  // grant_type=refresh_token. Errors carry the OAuth error code in
  // Error::code (invalid_client, invalid_grant).
  Result<IssuedToken> Refresh(std::string_view client_id, std::string_view client_secret,
                              std::string_view refresh_token);
  void ExpireAll();

 private:
  IssuedToken IssueLocked(int64_t now);
  int64_t Now() const;

  uint64_t seed_;
  int64_t ttl_s_;
  Clock& clock_;
  Credentials initial_;
  std::mutex mu_;
  uint64_t issued_ = 0;
  std::map<std::string, int64_t, std::less<>> access_expiry_;  // token -> epoch seconds
  std::map<std::string, bool, std::less<>> refresh_valid_;
  std::map<std::string, std::string, std::less<>> revoke_on_use_;  // access -> old refresh
};

}  // namespace gb::sim
