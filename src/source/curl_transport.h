// HttpTransport over libcurl: keep-alive (easy handles are pooled and reused,
// so each stream keeps its connection), compressed answers, TLS verified by
// default, connect and total timeouts on every request.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "source/http_transport.h"

namespace gb {

struct CurlOptions {
  bool verify_tls = true;              // off only when the user explicitly asks
  std::string ca_file;                 // extra CA bundle (tests, private CAs); empty = system
  size_t max_body_bytes = 512u << 20;  // an answer larger than this is refused
};

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(CurlOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> Send(const HttpRequest& request) override;

 private:
  void* TakeHandle();  // CURL*; an idle pooled one, or a new one
  void ReturnHandle(void* handle);

  CurlOptions options_;
  std::mutex mu_;
  std::vector<void*> idle_;  // CURL* handles keep their connection cache between requests
};

}  // namespace gb
