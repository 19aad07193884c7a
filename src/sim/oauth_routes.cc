#include "sim/oauth_routes.h"

#include <nlohmann/json.hpp>

#include "core/web_escape.h"

namespace gb::sim {
namespace {

using json = nlohmann::json;
constexpr const char* kJson = "application/json";
constexpr const char* kHtml = "text/html; charset=utf-8";

// A form field, or a member of a JSON body (the token endpoint accepts both).
std::string Param(const httplib::Request& req, const char* name) {
  if (req.has_param(name)) return req.get_param_value(name);
  json body = json::parse(req.body, nullptr, false);
  return body.is_object() && body.contains(name) && body[name].is_string()
             ? body[name].get<std::string>()
             : std::string();
}

AuthorizeRequest ReadAuthorize(const httplib::Request& req) {
  return AuthorizeRequest{Param(req, "client_id"), Param(req, "redirect_uri"),
                          Param(req, "response_type"), Param(req, "state")};
}

// http://127.0.0.1:PORT[/PATH], http://localhost:PORT[/PATH] or http://[::1]:PORT[/PATH].
bool IsLoopbackRedirect(std::string_view uri) {
  for (std::string_view host : {"http://127.0.0.1:", "http://localhost:", "http://[::1]:"}) {
    if (!uri.starts_with(host)) continue;
    std::string_view rest = uri.substr(host.size());
    size_t digits = rest.find_first_not_of("0123456789");
    if (digits == 0) return false;
    rest = digits == std::string_view::npos ? std::string_view() : rest.substr(digits);
    return (rest.empty() || rest.front() == '/') && rest.find('#') == std::string_view::npos;
  }
  return false;
}

std::string WithQuery(const std::string& uri,
                      const std::vector<std::pair<std::string, std::string>>& pairs) {
  return uri + (uri.find('?') == std::string::npos ? '?' : '&') + QueryString(pairs);
}

void OAuthError(httplib::Response& res, int status, const std::string& error,
                const std::string& description) {
  res.status = status;
  res.set_content(json{{"error", error}, {"error_description", description}}.dump(), kJson);
}

void Answer(httplib::Response& res, const IssuedToken& t) {
  res.set_content(json{{"access_token", t.access_token},
                       {"refresh_token", t.refresh_token},
                       {"expires_in", t.expires_in},
                       {"created_at", t.created_at},
                       {"token_type", "Bearer"},
                       {"scope", "private"}}
                      .dump(),
                  kJson);
}

}  // namespace

OAuthRoutes::OAuthRoutes(const SimOptions& options, Clock& clock, TokenStore& tokens,
                         FaultInjector& faults, std::atomic<int64_t>& refreshes)
    : registered_redirect_(options.redirect_uri),
      tokens_(tokens),
      faults_(faults),
      refreshes_(refreshes),
      codes_(options.seed, options.auth_code_ttl_s, clock) {}

void OAuthRoutes::Register(httplib::Server& http) {
  http.Get("/developer/oauth/authorize",
           [this](const auto& req, auto& res) { ShowConsent(req, res); });
  http.Post("/developer/oauth/authorize", [this](const auto& req, auto& res) { Decide(req, res); });
  http.Post("/developer/oauth/token", [this](const auto& req, auto& res) { Token(req, res); });
}

bool OAuthRoutes::RedirectAllowed(const std::string& uri) const {
  return registered_redirect_.empty() ? IsLoopbackRedirect(uri) : uri == registered_redirect_;
}

std::optional<std::pair<std::string, std::string>> OAuthRoutes::Refuse(
    const AuthorizeRequest& r) const {
  for (const auto& [name, value] : {std::pair{"client_id", &r.client_id},
                                    {"redirect_uri", &r.redirect_uri},
                                    {"response_type", &r.response_type},
                                    {"state", &r.state}}) {
    if (value->empty()) {
      return std::pair{"invalid_request", std::string("Missing required parameter: ") + name + "."};
    }
  }
  if (r.client_id != tokens_.initial().client_id) {
    return std::pair{"invalid_client",
                     "Client authentication failed due to unknown client, no client "
                     "authentication included, or unsupported authentication method."};
  }
  if (!RedirectAllowed(r.redirect_uri)) {
    return std::pair{"invalid_redirect_uri",
                     "The requested redirect uri is malformed or doesn't match client redirect "
                     "URI."};
  }
  if (r.response_type != "code") {
    return std::pair{"unsupported_response_type",
                     "The authorization server does not support this response type."};
  }
  return std::nullopt;
}

void OAuthRoutes::ShowConsent(const httplib::Request& req, httplib::Response& res) {
  AuthorizeRequest r = ReadAuthorize(req);
  if (auto refused = Refuse(r)) {
    res.status = 400;
    return res.set_content(AuthorizeErrorPageHtml(refused->first, refused->second), kHtml);
  }
  res.set_content(ConsentPageHtml(r), kHtml);
}

void OAuthRoutes::Decide(const httplib::Request& req, httplib::Response& res) {
  AuthorizeRequest r = ReadAuthorize(req);
  if (auto refused = Refuse(r)) {
    res.status = 400;
    return res.set_content(AuthorizeErrorPageHtml(refused->first, refused->second), kHtml);
  }
  if (Param(req, "decision") == "approve") {
    std::string code = codes_.Issue(r.client_id, r.redirect_uri);
    return res.set_redirect(WithQuery(r.redirect_uri, {{"code", code}, {"state", r.state}}));
  }
  res.set_redirect(WithQuery(
      r.redirect_uri,
      {{"error", "access_denied"},
       {"error_description", "The resource owner or authorization server denied the request."},
       {"state", r.state}}));
}

Result<IssuedToken> OAuthRoutes::CodeGrant(const httplib::Request& req) {
  for (const char* name : {"code", "redirect_uri"}) {
    if (Param(req, name).empty()) {
      return Fail(ErrorKind::kConfig, std::string("Missing required parameter: ") + name + ".",
                  "invalid_request");
    }
  }
  if (!tokens_.CheckClient(Param(req, "client_id"), Param(req, "client_secret"))) {
    return Fail(ErrorKind::kAuth,
                "Client authentication failed due to unknown client, no client authentication "
                "included, or unsupported authentication method.",
                "invalid_client");
  }
  Status redeemed =
      codes_.Redeem(Param(req, "code"), Param(req, "client_id"), Param(req, "redirect_uri"));
  if (!redeemed) return tl::unexpected(redeemed.error());
  return tokens_.Issue();
}

void OAuthRoutes::Token(const httplib::Request& req, httplib::Response& res) {
  if (faults_.Get().refresh_fails) {  // the identity provider is down
    return OAuthError(res, 503, "temporarily_unavailable",
                      "token endpoint unavailable (sim fault)");
  }
  const std::string grant = Param(req, "grant_type");
  Result<IssuedToken> issued = Fail(ErrorKind::kConfig,
                                    "The authorization grant type is not supported by the "
                                    "authorization server.",
                                    "unsupported_grant_type");
  if (grant == "refresh_token") {
    issued = tokens_.Refresh(Param(req, "client_id"), Param(req, "client_secret"),
                             Param(req, "refresh_token"));
    if (issued) ++refreshes_;
  } else if (grant == "authorization_code") {
    issued = CodeGrant(req);
  }
  if (!issued) {
    return OAuthError(res, issued.error().code == "invalid_client" ? 401 : 400, issued.error().code,
                      issued.error().message);
  }
  Answer(res, *issued);
}

}  // namespace gb::sim
