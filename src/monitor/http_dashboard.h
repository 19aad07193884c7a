// The web view of `watch --http` and `run --http`: the self-contained page
// (web/*, embedded in the binary at build time), /status.json (the --json
// document) and /metrics (Prometheus text). The page polls /status.json every
// second. Binds 127.0.0.1 unless the address names another interface.
// The page, /i18n.json and /status.json speak the reader's language
// (?lang=fr|en, else Accept-Language, else the server's); status_json is
// called under that ScopedLanguage (i18n.h).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include "core/error.h"

namespace httplib {
class Server;
}

namespace gb {

struct HttpContent {
  std::function<std::string()> status_json;
  std::function<std::string()> metrics;
};

// "127.0.0.1:8080", "8080" or ":8080" (loopback), "0.0.0.0:8080", "[::1]:8080";
// port 0 = any free port. kConfig with what to write otherwise.
Result<std::pair<std::string, int>> ParseHttpAddress(std::string_view address);

// The page with its {{message}} placeholders translated (Tr) and HTML-escaped,
// and {{@lang}} replaced by the locale's language.
std::string LocalizePage(std::string_view html);

// The messages the page's script asks for with t("…"), translated (served as
// /i18n.json): {"{} e/s": "{} e/s", "running": "en cours", …}.
std::string PageTexts(std::string_view script);

class HttpDashboard {
 public:
  explicit HttpDashboard(HttpContent content);
  ~HttpDashboard();
  HttpDashboard(const HttpDashboard&) = delete;
  HttpDashboard& operator=(const HttpDashboard&) = delete;

  // Binds and serves in a background thread.
  Status Start(std::string_view address);
  void Stop();
  int port() const { return port_; }
  // "http://127.0.0.1:8080/"
  std::string Url() const;

 private:
  void Routes();

  HttpContent content_;
  std::unique_ptr<httplib::Server> server_;
  std::string host_;
  int port_ = 0;
  std::atomic<bool> listened_{false};
  std::thread thread_;
};

}  // namespace gb
