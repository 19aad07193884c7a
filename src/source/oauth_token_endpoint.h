// Gazelle's OAuth token endpoint ({base}/developer/oauth/token), shared by the
// two grants the tool uses: refresh_token (OAuthAuthenticator, ahead of
// expiry) and authorization_code (`token login`). One form POST, and the
// refusal's OAuth error code ("invalid_client", "invalid_grant", ...) read
// from the answer so callers can say what went wrong.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "source/http_transport.h"

namespace gb {

inline constexpr const char* kTokenPath = "/developer/oauth/token";
inline constexpr const char* kAuthorizePath = "/developer/oauth/authorize";

struct TokenEndpoint {
  std::string base_url;  // validated, without trailing slash
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
};

using FormFields = std::vector<std::pair<std::string, std::string>>;

// POSTs `form` (application/x-www-form-urlencoded) and returns the answer,
// whatever its status; an error only when no answer came (as the transport
// classified it, its message prefixed with `what` and cleared of secrets).
Result<HttpResponse> PostTokenForm(HttpTransport& transport, const TokenEndpoint& endpoint,
                                   const FormFields& form, std::string_view what);

// The "error" member of an OAuth error answer, or "" when there is none.
std::string OAuthErrorCode(std::string_view body);

}  // namespace gb
