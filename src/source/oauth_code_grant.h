// The OAuth authorization-code grant, the way Gazelle hands out a first token
// (it refuses client_credentials): the authorize URL the user opens in a
// browser, a random `state` that ties the browser's return to this attempt,
// the redirect's query read, and the code exchanged at the token endpoint.
// Failures carry a stable Error::code that the CLI turns into words:
// state_mismatch, access_denied (or the server's other error code), no_code,
// invalid_client, invalid_grant, bad_answer, http:<status>.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/error.h"
#include "source/credentials.h"
#include "source/http_transport.h"
#include "source/oauth_token_endpoint.h"
#include "source/token_store.h"

namespace gb {

// {base}/developer/oauth/authorize?client_id=…&redirect_uri=…&response_type=code&state=…
std::string AuthorizeUrl(const std::string& base_url, const std::string& client_id,
                         const std::string& redirect_uri, const std::string& state);

// 32 bytes from the kernel's random source as 64 hex characters.
Result<std::string> NewState();

// The code the redirect carries. The state is checked first (in constant
// time): an answer to another attempt is never trusted, not even a refusal.
Result<std::string> CodeFromRedirect(const std::map<std::string, std::string>& query,
                                     std::string_view expected_state);

// grant_type=authorization_code with code, redirect_uri, client_id and
// client_secret. The token's created_at is `now` (our clock). Registers the
// code and the tokens as secrets.
Result<Token> ExchangeCode(HttpTransport& transport, const TokenEndpoint& endpoint,
                           const Credentials& client, const std::string& code,
                           const std::string& redirect_uri, int64_t now);

}  // namespace gb
