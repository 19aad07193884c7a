#include "source/oauth_token_endpoint.h"

#include <nlohmann/json.hpp>

#include "core/web_escape.h"

namespace gb {

Result<HttpResponse> PostTokenForm(HttpTransport& transport, const TokenEndpoint& endpoint,
                                   const FormFields& form) {
  HttpRequest request;
  request.url = endpoint.base_url + kTokenPath;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Accept", "application/json"}};
  request.body = QueryString(form);
  request.connect_timeout = endpoint.connect_timeout;
  request.total_timeout = endpoint.total_timeout;
  return transport.Send(request);
}

std::string OAuthErrorCode(std::string_view body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return {};
  auto error = j.find("error");
  return error != j.end() && error->is_string() ? error->get<std::string>() : std::string();
}

}  // namespace gb
