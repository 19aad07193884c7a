#include "source/oauth_authenticator.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/iso_time.h"
#include "core/redact.h"
#include "source/api_url.h"
#include "source/oauth_token_endpoint.h"

namespace gb {
namespace {

constexpr const char* kReauthorize =
    "run `gazelle-backfill token login` to authorize again, then rerun the same command to "
    "resume";

int64_t EpochSeconds(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count();
}

Error RefreshRefused(const HttpResponse& response) {
  std::string reason = response.body.substr(0, 200);
  ErrorKind kind = ErrorKind::kAuth;
  if (response.status >= 500) kind = ErrorKind::kTransient;
  if (response.status == 429) kind = ErrorKind::kRateLimited;
  std::string what =
      kind == ErrorKind::kAuth
          ? fmt::format("the refresh token or client credentials were refused: {}", kReauthorize)
          : "retrying";
  return Error{kind,
               RedactSecrets(fmt::format("token refresh failed (HTTP {}: {}): {}", response.status,
                                         reason, what)),
               fmt::format("http:{}", response.status)};
}

}  // namespace

OAuthAuthenticator::OAuthAuthenticator(OAuthConfig config, Token token, TokenStore* store,
                                       HttpTransport& transport, Clock& clock, Observer& observer)
    : config_(std::move(config)),
      store_(store),
      transport_(transport),
      clock_(clock),
      observer_(observer),
      token_(std::move(token)) {
  // The same base as the GraphQL endpoint, whichever way the user spelled it.
  if (auto base = ValidateApiUrl(config_.base_url)) config_.base_url = *base;
  RegisterSecret(token_.access_token);
  RegisterSecret(token_.refresh_token);
  RegisterSecret(config_.credentials.client_secret);
}

bool OAuthAuthenticator::RefreshDue(int64_t now) const {
  auto expires_at = token_.ExpiresAt();
  if (!expires_at) return false;  // unknown lifetime: rely on the 401
  int64_t margin =
      std::min<int64_t>(config_.refresh_margin.count(),
                        static_cast<int64_t>(token_.expires_in * config_.refresh_fraction));
  return now >= *expires_at - margin;
}

Result<AuthHeaders> OAuthAuthenticator::Headers() {
  std::lock_guard lock(mu_);
  int64_t now = EpochSeconds(clock_);
  if (RefreshDue(now) && now >= next_early_attempt_) {
    Status refreshed = RefreshLocked();
    bool still_valid = token_.ExpiresAt() && now < *token_.ExpiresAt();
    if (!refreshed && !still_valid) return tl::unexpected(refreshed.error());
    // A failed early refresh is not fatal while the token still works: keep
    // using it and try again a little later.
    if (!refreshed) next_early_attempt_ = now + 30;
  }
  return AuthHeaders{{{"Authorization", "Bearer " + token_.access_token}}, token_.access_token};
}

Status OAuthAuthenticator::OnUnauthorized(const std::string& credential) {
  std::lock_guard lock(mu_);
  if (credential != token_.access_token) return {};  // another thread refreshed already
  return RefreshLocked();
}

Status OAuthAuthenticator::Refresh() {
  std::lock_guard lock(mu_);
  return RefreshLocked();
}

Token OAuthAuthenticator::CurrentToken() const {
  std::lock_guard lock(mu_);
  return token_;
}

Status OAuthAuthenticator::RefreshLocked() {
  int64_t now = EpochSeconds(clock_);
  Result<Token> fresh = RequestRefresh(now);
  if (!fresh) {
    observer_.On(TokenRefreshed{false, {}, fresh.error().message});
    return tl::unexpected(fresh.error());
  }
  token_ = std::move(*fresh);
  next_early_attempt_ = 0;
  Persist(token_);
  auto expires_at =
      std::chrono::system_clock::time_point(std::chrono::seconds(token_.ExpiresAt().value_or(now)));
  observer_.On(TokenRefreshed{true, expires_at,
                              fmt::format("access token refreshed; valid until {}",
                                          FormatIsoUtc(token_.ExpiresAt().value_or(now)))});
  return {};
}

Result<Token> OAuthAuthenticator::RequestRefresh(int64_t now) {
  const Credentials& c = config_.credentials;
  if (!c.HasOAuthClient()) {
    return Fail(ErrorKind::kAuth,
                "the access token has expired or is about to, and it cannot be refreshed without "
                "GAZELLE_CLIENT_ID and GAZELLE_CLIENT_SECRET: set them (environment or .env), "
                "then rerun the same command to resume");
  }
  if (token_.refresh_token.empty()) {
    return Fail(ErrorKind::kAuth,
                fmt::format("the token file has no refresh_token: {}", kReauthorize));
  }
  TokenEndpoint endpoint{config_.base_url, config_.connect_timeout, config_.total_timeout};
  Result<HttpResponse> response = PostTokenForm(transport_, endpoint,
                                                {{"grant_type", "refresh_token"},
                                                 {"client_id", c.client_id},
                                                 {"client_secret", c.client_secret},
                                                 {"refresh_token", token_.refresh_token}},
                                                "token refresh");
  if (!response) return tl::unexpected(response.error());
  if (response->status != 200) return tl::unexpected(RefreshRefused(*response));
  Result<Token> token = ParseToken(response->body, "the OAuth token answer", now);
  if (!token) {
    return Fail(ErrorKind::kTransient,
                "token refresh: the OAuth answer is not a token (" + token.error().message + ")");
  }
  token->created_at = now;  // the lifetime counts from our clock, not the server's
  // Some servers rotate refresh tokens, others keep them: keep ours if none came back.
  if (token->refresh_token.empty()) token->refresh_token = token_.refresh_token;
  return token;
}

void OAuthAuthenticator::Persist(const Token& token) {
  if (!store_) return;
  Status saved = store_->Save(token);
  if (!saved) {
    observer_.On(Warning{"the refreshed token could not be saved: " + saved.error().message});
  }
}

}  // namespace gb
