#include "source/authenticator.h"

#include "core/redact.h"

namespace gb {

ApiKeyAuthenticator::ApiKeyAuthenticator(std::string api_key) : api_key_(std::move(api_key)) {
  RegisterSecret(api_key_);
}

Result<AuthHeaders> ApiKeyAuthenticator::Headers() {
  return AuthHeaders{{{"x-gazelle-api-key", api_key_}}, api_key_};
}

Status ApiKeyAuthenticator::OnUnauthorized(const std::string&) {
  return Fail(ErrorKind::kAuth,
              "the Gazelle API refused the API key (HTTP 401): check GAZELLE_API_KEY or "
              "--api-key, or use OAuth (config/token.json with GAZELLE_CLIENT_ID/SECRET)",
              "http:401");
}

}  // namespace gb
