// How requests prove who they are. The client asks for headers before each
// request and reports a 401; OAuthAuthenticator refreshes (ahead of expiry,
// or once on a 401), ApiKeyAuthenticator sends x-gazelle-api-key.
#pragma once

#include <string>

#include "core/error.h"
#include "source/http_transport.h"

namespace gb {

struct AuthHeaders {
  HttpHeaders headers;
  std::string credential;  // what was sent, to hand back to OnUnauthorized
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // Thread-safe. May refresh first when the token is about to expire.
  virtual Result<AuthHeaders> Headers() = 0;
  // The API answered 401 to a request sent with `credential`: make a fresh
  // credential available (refreshing at most once across threads: when
  // another thread already refreshed, returns at once) or say why not (kAuth).
  virtual Status OnUnauthorized(const std::string& credential) = 0;
};

class ApiKeyAuthenticator final : public Authenticator {
 public:
  explicit ApiKeyAuthenticator(std::string api_key);
  Result<AuthHeaders> Headers() override;
  Status OnUnauthorized(const std::string& credential) override;

 private:
  std::string api_key_;
};

}  // namespace gb
