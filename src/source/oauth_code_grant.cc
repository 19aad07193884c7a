#include "source/oauth_code_grant.h"

#include <fmt/format.h>
#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "core/redact.h"
#include "core/web_escape.h"

namespace gb {
namespace {

bool SameSecret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

std::string Get(const std::map<std::string, std::string>& query, const char* name) {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

// A refusal of the token endpoint, classified: the client (401 or
// invalid_client), the code (invalid_grant), or the service (5xx, 429).
Error ExchangeRefused(const HttpResponse& response) {
  std::string code = OAuthErrorCode(response.body);
  if (response.status == 401 || code == "invalid_client") {
    return Error{ErrorKind::kAuth,
                 "the token endpoint refused the client id or secret (invalid_client): check "
                 "GAZELLE_CLIENT_ID and GAZELLE_CLIENT_SECRET",
                 "invalid_client"};
  }
  if (response.status == 429) {
    return Error{ErrorKind::kRateLimited, "the token endpoint answered 429 Too Many Requests",
                 "http:429"};
  }
  if (response.status >= 500) {
    return Error{ErrorKind::kTransient,
                 fmt::format("the token endpoint failed (HTTP {})", response.status),
                 fmt::format("http:{}", response.status)};
  }
  if (code.empty()) code = fmt::format("http:{}", response.status);
  return Error{ErrorKind::kAuth,
               RedactSecrets(fmt::format("the token endpoint refused the code (HTTP {}: {})",
                                         response.status, response.body.substr(0, 200))),
               code};
}

}  // namespace

std::string AuthorizeUrl(const std::string& base_url, const std::string& client_id,
                         const std::string& redirect_uri, const std::string& state) {
  return base_url + kAuthorizePath + "?" +
         QueryString({{"client_id", client_id},
                      {"redirect_uri", redirect_uri},
                      {"response_type", "code"},
                      {"state", state}});
}

Result<std::string> NewState() {
  std::array<unsigned char, 32> bytes{};
  size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return Fail(ErrorKind::kInternal,
                  fmt::format("no random bytes for the OAuth state: {}", std::strerror(errno)));
    }
    got += static_cast<size_t>(n);
  }
  std::string hex;
  for (unsigned char b : bytes) hex += fmt::format("{:02x}", b);
  return hex;
}

Result<std::string> CodeFromRedirect(const std::map<std::string, std::string>& query,
                                     std::string_view expected_state) {
  if (!SameSecret(Get(query, "state"), expected_state)) {
    return Fail(ErrorKind::kAuth,
                "the answer that came back does not carry this sign-in's state: it belongs to "
                "another attempt (or was forged) and is ignored",
                "state_mismatch");
  }
  if (std::string error = Get(query, "error"); !error.empty()) {
    std::string description = Get(query, "error_description");
    return Fail(ErrorKind::kAuth,
                fmt::format("Gazelle answered {}{}{}", error, description.empty() ? "" : ": ",
                            description.substr(0, 300)),
                error);
  }
  std::string code = Get(query, "code");
  if (code.empty()) {
    return Fail(ErrorKind::kAuth, "the answer carries neither a code nor an error", "no_code");
  }
  RegisterSecret(code);
  return code;
}

Result<Token> ExchangeCode(HttpTransport& transport, const TokenEndpoint& endpoint,
                           const Credentials& client, const std::string& code,
                           const std::string& redirect_uri, int64_t now) {
  RegisterSecret(code);
  RegisterSecret(client.client_secret);
  Result<HttpResponse> response = PostTokenForm(transport, endpoint,
                                                {{"grant_type", "authorization_code"},
                                                 {"code", code},
                                                 {"redirect_uri", redirect_uri},
                                                 {"client_id", client.client_id},
                                                 {"client_secret", client.client_secret}},
                                                "token endpoint");
  if (!response) return tl::unexpected(response.error());
  if (response->status != 200) return tl::unexpected(ExchangeRefused(*response));
  Result<Token> token = ParseToken(response->body, "the OAuth token answer", now);
  if (!token) {
    return Fail(ErrorKind::kPermanent, "the token endpoint's answer is not a token", "bad_answer");
  }
  token->created_at = now;  // the lifetime counts from our clock, not the server's
  return token;
}

}  // namespace gb
