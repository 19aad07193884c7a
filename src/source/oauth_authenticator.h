// OAuth2 bearer tokens with refresh: ahead of expiry (when less than
// min(refresh_margin, refresh_fraction × lifetime) remains) and once on a
// 401, by form POST {base}/developer/oauth/token (grant_type=refresh_token).
// One refresh at a time across threads; the refreshed token is written back
// to the token store atomically and announced as a TokenRefreshed event.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "core/events.h"
#include "source/authenticator.h"
#include "source/credentials.h"
#include "source/token_store.h"

namespace gb {

struct OAuthConfig {
  std::string base_url;  // validated, without trailing slash
  Credentials credentials;
  std::chrono::seconds refresh_margin{300};
  double refresh_fraction = 0.1;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
};

class OAuthAuthenticator final : public Authenticator {
 public:
  // `store` may be null (the token is then not persisted).
  OAuthAuthenticator(OAuthConfig config, Token token, TokenStore* store, HttpTransport& transport,
                     Clock& clock, Observer& observer);

  Result<AuthHeaders> Headers() override;
  Status OnUnauthorized(const std::string& credential) override;

  // Refreshes now (for `token refresh`).
  Status Refresh();
  Token CurrentToken() const;

 private:
  bool RefreshDue(int64_t now) const;
  Status RefreshLocked();
  Result<Token> RequestRefresh(int64_t now);
  void Persist(const Token& token);

  OAuthConfig config_;
  TokenStore* store_;
  HttpTransport& transport_;
  Clock& clock_;
  Observer& observer_;
  mutable std::mutex mu_;  // held during a refresh: others wait for the new token
  Token token_;
  int64_t next_early_attempt_ = 0;  // after a failed early refresh, wait before trying again
};

}  // namespace gb
