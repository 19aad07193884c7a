#include "source/api_url.h"

#include <fmt/format.h>

#include "core/redact.h"

namespace gb {

Result<std::string> ValidateApiUrl(std::string_view url) {
  std::string u(url);
  while (!u.empty() && u.back() == '/') u.pop_back();
  size_t scheme_end = u.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : u.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    return Fail(ErrorKind::kConfig,
                fmt::format("the API URL \"{}\" {}: pass --api https://host (or set "
                            "GAZELLE_API_URL), e.g. {}",
                            RedactUrl(url),
                            scheme.empty() ? "has no http:// or https:// scheme"
                                           : "uses the unsupported scheme " + scheme + "://",
                            kDefaultApiUrl));
  }
  std::string rest = u.substr(scheme_end + 3);
  if (rest.empty() || rest.front() == '/' || rest.find_first_of(" ?#") != std::string::npos) {
    return Fail(ErrorKind::kConfig,
                fmt::format("the API URL \"{}\" has no host or has a query: pass only the base, "
                            "e.g. --api {}",
                            RedactUrl(url), kDefaultApiUrl));
  }
  // Accept the endpoint itself as well as the base.
  for (std::string_view suffix : {"/graphql/private", "/graphql"}) {
    if (u.ends_with(suffix)) u.resize(u.size() - suffix.size());
  }
  return u;
}

std::string ResolveApiUrl(const std::string& flag, const EnvLookup& env) {
  if (!flag.empty()) return flag;
  if (auto v = env("GAZELLE_API_URL")) return *v;
  return kDefaultApiUrl;
}

}  // namespace gb
