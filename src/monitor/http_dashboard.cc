#include "monitor/http_dashboard.h"

#include <httplib.h>

#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/web_escape.h"
#include "monitor/accept_language.h"
#include "monitor/i18n.h"
#include "web/assets.h"

namespace gb {
namespace {

Result<int> ParsePort(std::string_view text, std::string_view address) {
  int port = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535) {
    return Fail(ErrorKind::kConfig,
                TrFormat("bad --http address '{}': write HOST:PORT, e.g. 127.0.0.1:8080", address));
  }
  return port;
}

// The reader's language: ?lang=fr|en, else the browser's Accept-Language,
// else (no header) the server's own.
std::string RequestLanguage(const httplib::Request& req) {
  if (std::string lang = req.get_param_value("lang"); lang == "fr" || lang == "en") return lang;
  return LanguageFromAcceptLanguage(req.get_header_value("Accept-Language"));
}

// A handler answering in the request's language: its content varies with it.
httplib::Server::Handler Translated(std::function<void(httplib::Response&)> handler) {
  return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    ScopedLanguage language(RequestLanguage(req));
    res.set_header("Vary", "Accept-Language");
    handler(res);
  };
}

}  // namespace

Result<std::pair<std::string, int>> ParseHttpAddress(std::string_view address) {
  std::string host = "127.0.0.1";
  std::string_view port = address;
  if (size_t colon = address.rfind(':'); colon != std::string_view::npos) {
    std::string_view h = address.substr(0, colon);
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
    if (!h.empty()) host = std::string(h);
    port = address.substr(colon + 1);
  }
  auto p = ParsePort(port, address);
  if (!p) return tl::unexpected(p.error());
  return std::make_pair(host, *p);
}

std::string LocalizePage(std::string_view html) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = html.find("{{", pos);
    size_t close = open == std::string_view::npos ? open : html.find("}}", open);
    if (close == std::string_view::npos) break;
    out += html.substr(pos, open - pos);
    std::string_view key = html.substr(open + 2, close - open - 2);
    out += key == "@lang" ? CurrentLocale().language : HtmlEscape(Tr(key));
    pos = close + 2;
  }
  out += html.substr(pos);
  return out;
}

std::string PageTexts(std::string_view script) {
  nlohmann::json texts = nlohmann::json::object();
  for (size_t pos = 0; (pos = script.find("t(\"", pos)) != std::string_view::npos; pos += 3) {
    // A call of t itself, not of a name ending in t (setAttribute).
    bool call = pos == 0 || !(std::isalnum(static_cast<unsigned char>(script[pos - 1])) ||
                              script[pos - 1] == '_' || script[pos - 1] == '.');
    size_t end = script.find('"', pos + 3);
    if (end == std::string_view::npos) break;
    if (!call) continue;
    std::string msgid(script.substr(pos + 3, end - pos - 3));
    texts[msgid] = Tr(msgid);
  }
  return texts.dump();
}

HttpDashboard::HttpDashboard(HttpContent content)
    : content_(std::move(content)), server_(std::make_unique<httplib::Server>()) {
  // httplib's default adds SO_REUSEPORT, which would let a second watch share
  // the port silently; a port in use must be an error the user sees.
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
}

HttpDashboard::~HttpDashboard() { Stop(); }

void HttpDashboard::Routes() {
  server_->Get("/", Translated([](httplib::Response& res) {
                 res.set_content(LocalizePage(web::kIndex), "text/html; charset=utf-8");
               }));
  server_->Get("/app.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(web::kApp), "text/javascript; charset=utf-8");
  });
  server_->Get("/i18n.json", Translated([](httplib::Response& res) {
                 res.set_content(PageTexts(web::kApp), "application/json; charset=utf-8");
               }));
  server_->Get("/style.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(web::kStyle), "text/css; charset=utf-8");
  });
  server_->Get("/status.json", Translated([this](httplib::Response& res) {
                 res.set_header("Cache-Control", "no-store");
                 res.set_content(content_.status_json(), "application/json");
               }));
  // Machine-read: never translated.
  server_->Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(content_.metrics(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

Status HttpDashboard::Start(std::string_view address) {
  auto parsed = ParseHttpAddress(address);
  if (!parsed) return tl::unexpected(parsed.error());
  host_ = parsed->first;
  Routes();
  port_ = parsed->second == 0
              ? server_->bind_to_any_port(host_)
              : (server_->bind_to_port(host_, parsed->second) ? parsed->second : -1);
  if (port_ <= 0) {
    return Fail(ErrorKind::kConfig,
                TrFormat("cannot listen on {}: address in use or not available", address));
  }
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    listened_ = true;
  });
  return {};
}

void HttpDashboard::Stop() {
  if (thread_.joinable()) {
    // stop() is a no-op until the server runs: wait for it to start (or fail).
    while (!server_->is_running() && !listened_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    server_->stop();
    thread_.join();
  }
}

std::string HttpDashboard::Url() const {
  std::string host = host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_;
  return "http://" + host + ":" + std::to_string(port_) + "/";
}

}  // namespace gb
