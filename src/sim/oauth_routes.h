// The simulator's OAuth endpoints, as Gazelle serves them (Doorkeeper mounted
// at /developer/oauth), for `token login` and the refresh of long runs:
//   GET  /developer/oauth/authorize  client_id, redirect_uri, response_type=code, state:
//        the consent page (Approve / Deny); an unknown client, a redirect URI
//        that is not registered or a missing parameter gets an error page
//   POST /developer/oauth/authorize  the consent form: 302 to the redirect URI with
//        code and state, or with error=access_denied and state
//   POST /developer/oauth/token      grant_type=authorization_code (code, redirect_uri,
//        client_id, client_secret) or refresh_token; client_credentials and any
//        other grant: unsupported_grant_type, as Gazelle answers
// The simulated user is always signed in: there is no login form.
#pragma once

#include <httplib.h>

#include <atomic>
#include <cstdint>
#include <string>

#include "core/clock.h"
#include "sim/auth_codes.h"
#include "sim/consent_page.h"
#include "sim/fault_injector.h"
#include "sim/sim_options.h"
#include "sim/token_store.h"

namespace gb::sim {

class OAuthRoutes {
 public:
  // `refreshes` counts the refresh grants served (SimStats::token_refreshes).
  OAuthRoutes(const SimOptions& options, Clock& clock, TokenStore& tokens, FaultInjector& faults,
              std::atomic<int64_t>& refreshes);

  void Register(httplib::Server& http);

 private:
  // The request's problem as (OAuth error code, description); none when it is good.
  std::optional<std::pair<std::string, std::string>> Refuse(const AuthorizeRequest& r) const;
  bool RedirectAllowed(const std::string& uri) const;
  void ShowConsent(const httplib::Request& req, httplib::Response& res);
  void Decide(const httplib::Request& req, httplib::Response& res);
  void Token(const httplib::Request& req, httplib::Response& res);
  Result<IssuedToken> CodeGrant(const httplib::Request& req);

  std::string registered_redirect_;
  TokenStore& tokens_;
  FaultInjector& faults_;
  std::atomic<int64_t>& refreshes_;
  AuthCodeStore codes_;
};

}  // namespace gb::sim
