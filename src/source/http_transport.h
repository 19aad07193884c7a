// The one way the source talks HTTP, as an interface so the client's retry,
// auth and parsing logic is tested against a scripted fake (FakeTransport)
// and runs against libcurl (CurlTransport) in production.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace gb {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  HttpHeaders headers;  // e.g. {"Content-Type", "application/json"}
  std::string body;
  // Every request is bounded: no request may hang forever.
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;  // names lower-cased
  std::string body;

  // The first header of that name (case-insensitive), if any.
  std::optional<std::string> Header(std::string_view name) const;
};

// Sends one request. An answer with any HTTP status is a success here; a
// failure to get an answer (timeout, refused connection, TLS, truncated
// transfer) is an Error already classified: kTransient for what a retry may
// cure, kConfig for what the user must fix (bad URL, certificate rejected).
// Implementations are thread-safe.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace gb
