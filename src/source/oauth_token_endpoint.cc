#include "source/oauth_token_endpoint.h"

#include <nlohmann/json.hpp>

#include "core/redact.h"
#include "core/web_escape.h"

namespace gb {

Result<HttpResponse> PostTokenForm(HttpTransport& transport, const TokenEndpoint& endpoint,
                                   const FormFields& form, std::string_view what) {
  HttpRequest request;
  request.url = endpoint.base_url + kTokenPath;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Accept", "application/json"}};
  request.body = QueryString(form);
  request.connect_timeout = endpoint.connect_timeout;
  request.total_timeout = endpoint.total_timeout;
  Result<HttpResponse> response = transport.Send(request);
  if (!response) {
    Error e = response.error();
    e.message = RedactSecrets(std::string(what) + ": " + e.message);
    return tl::unexpected(e);
  }
  return response;
}

std::string OAuthErrorCode(std::string_view body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return {};
  auto error = j.find("error");
  return error != j.end() && error->is_string() ? error->get<std::string>() : std::string();
}

}  // namespace gb
