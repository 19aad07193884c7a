#include "sim/consent_page.h"

#include <fmt/format.h>

#include "core/web_escape.h"

namespace gb::sim {
namespace {

constexpr std::string_view kHead =
    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>"
    "<style>body{{font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em}}"
    "button{{font-size:1.1em;padding:.4em 1.2em;margin-right:1em}}</style></head>\n<body>\n";

std::string Hidden(std::string_view name, std::string_view value) {
  return fmt::format("<input type=\"hidden\" name=\"{}\" value=\"{}\">\n", name, HtmlEscape(value));
}

}  // namespace

std::string ConsentPageHtml(const AuthorizeRequest& r) {
  std::string page =
      fmt::format(fmt::runtime(kHead), "Authorization required - Gazelle (simulator)");
  page += fmt::format(
      "<h1>Authorization required</h1>\n"
      "<p>Authorize <strong id=\"client\">{}</strong> to use your Gazelle account?</p>\n"
      "<p>It will read your account's data through the private API. Your answer is sent to "
      "<code id=\"redirect\">{}</code>.</p>\n"
      "<form method=\"post\" action=\"/developer/oauth/authorize\">\n",
      HtmlEscape(r.client_id), HtmlEscape(r.redirect_uri));
  page += Hidden("client_id", r.client_id) + Hidden("redirect_uri", r.redirect_uri) +
          Hidden("response_type", r.response_type) + Hidden("state", r.state);
  page +=
      "<button type=\"submit\" id=\"approve\" name=\"decision\" "
      "value=\"approve\">Approve</button>\n"
      "<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">Deny</button>\n"
      "</form>\n</body></html>\n";
  return page;
}

std::string AuthorizeErrorPageHtml(std::string_view error, std::string_view description) {
  std::string page =
      fmt::format(fmt::runtime(kHead), "An error has occurred - Gazelle (simulator)");
  page += fmt::format(
      "<h1>An error has occurred</h1>\n<p id=\"error\" data-error=\"{}\">{}</p>\n</body></html>\n",
      HtmlEscape(error), HtmlEscape(description));
  return page;
}

}  // namespace gb::sim
