#include "source/curl_transport.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/redact.h"

namespace gb {
namespace {

// curl_global_init is not thread-safe: do it once, before any handle exists.
void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  HttpResponse response;
  size_t max_body = 0;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (t->response.body.size() + n > t->max_body) {
    t->too_large = true;
    return 0;  // aborts the transfer
  }
  t->response.body.append(data, n);
  return n;
}

std::string TrimmedHeader(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return std::string(s);
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear();  // a new response (after 100-continue or a redirect)
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  t->response.headers.emplace_back(std::move(name), TrimmedHeader(line.substr(colon + 1)));
  return size * count;
}

// Classifies a curl failure once: what a retry may cure is transient, what
// the user must fix is config.
Error Classify(CURLcode code, const std::string& url, const char* detail) {
  std::string where = RedactUrl(url);
  std::string what = *detail ? detail : curl_easy_strerror(code);
  std::string codestr = fmt::format("curl:{}", static_cast<int>(code));
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return Error{
          ErrorKind::kConfig,
          fmt::format("the API URL {} is not usable ({}): pass --api http(s)://host", where, what),
          codestr};
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
      return Error{ErrorKind::kConfig,
                   fmt::format("TLS certificate of {} was rejected ({}): fix the server's "
                               "certificate or install its CA in the system trust store",
                               where, what),
                   codestr};
    case CURLE_OPERATION_TIMEDOUT:
      return Error{ErrorKind::kTransient, fmt::format("request to {} timed out ({})", where, what),
                   codestr};
    default:
      return Error{ErrorKind::kTransient,
                   fmt::format("request to {} failed: {}", where, RedactSecrets(what)), codestr};
  }
}

void SetCommonOptions(CURL* h, const CurlOptions& o) {
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts must not use SIGALRM in threads
  // gzip, not "every encoding libcurl supports": offered br, a server that
  // compresses at brotli's default quality (11: cpp-httplib, so the simulator)
  // spends ~0.6 s per 100-entry page, ten times the page itself; gzip is
  // fast everywhere and nearly as small for JSON.
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip");
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect would drop the POST body
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, o.verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, o.verify_tls ? 2L : 0L);
  if (!o.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, o.ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_USERAGENT, "gazelle-backfill");
}

}  // namespace

CurlTransport::CurlTransport(CurlOptions options) : options_(std::move(options)) {
  GlobalInitOnce();
}

CurlTransport::~CurlTransport() {
  for (void* h : idle_) curl_easy_cleanup(static_cast<CURL*>(h));
}

void* CurlTransport::TakeHandle() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      void* h = idle_.back();
      idle_.pop_back();
      return h;
    }
  }
  return curl_easy_init();
}

void CurlTransport::ReturnHandle(void* handle) {
  std::lock_guard lock(mu_);
  idle_.push_back(handle);
}

Result<HttpResponse> CurlTransport::Send(const HttpRequest& request) {
  CURL* h = static_cast<CURL*>(TakeHandle());
  if (!h) return Fail(ErrorKind::kInternal, "libcurl could not create a handle");
  curl_easy_reset(h);  // keeps the connection cache, drops the previous request's options
  SetCommonOptions(h, options_);
  Transfer transfer;
  transfer.max_body = options_.max_body_bytes;
  char detail[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
  if (request.method == "POST") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else if (request.method != "GET") {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
  CURLcode code = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  ReturnHandle(h);
  if (transfer.too_large) {
    return Fail(ErrorKind::kPermanent,
                fmt::format("the answer of {} exceeds {} bytes: ask for smaller pages",
                            RedactUrl(request.url), options_.max_body_bytes));
  }
  if (code != CURLE_OK) return tl::unexpected(Classify(code, request.url, detail));
  transfer.response.status = static_cast<int>(status);
  return std::move(transfer.response);
}

}  // namespace gb
