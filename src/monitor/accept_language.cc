#include "monitor/accept_language.h"

#include <cctype>
#include <cstdlib>

namespace gb {
namespace {

// The text before the first `sep` (all of it without one), removed from `rest`.
std::string_view Next(std::string_view& rest, char sep) {
  size_t at = rest.find(sep);
  std::string_view item = rest.substr(0, at);
  rest.remove_prefix(at == std::string_view::npos ? rest.size() : at + 1);
  return item;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "fr-CA" -> "fr"; "*" and every other language as they are, lower case.
std::string Primary(std::string_view tag) {
  std::string primary;
  for (char c : tag.substr(0, tag.find_first_of("-_"))) {
    primary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return primary;
}

// The q of ";q=0.8" among the parameters (1 without one; 0 when malformed:
// a preference we cannot read is no preference).
double Quality(std::string_view params) {
  while (!params.empty()) {
    std::string_view p = Trim(Next(params, ';'));
    if (p.size() > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string value(p.substr(2));
      char* end = nullptr;
      double q = std::strtod(value.c_str(), &end);
      return end == value.c_str() + value.size() && q >= 0 && q <= 1 ? q : 0;
    }
  }
  return 1;
}

}  // namespace

std::string LanguageFromAcceptLanguage(std::string_view header) {
  if (Trim(header).empty()) return {};
  struct Best {
    double q = 0;
    int order = 0;  // on equal q the one listed first wins
  } fr, en;
  int order = 0;
  while (!header.empty()) {
    std::string_view item = Trim(Next(header, ','));
    size_t semi = item.find(';');
    std::string primary = Primary(Trim(item.substr(0, semi)));
    double q = semi == std::string_view::npos ? 1 : Quality(item.substr(semi + 1));
    Best* best = primary == "fr" ? &fr : (primary == "en" || primary == "*") ? &en : nullptr;
    if (best != nullptr && q > best->q) *best = Best{q, order};
    ++order;
  }
  bool french = fr.q > en.q || (fr.q > 0 && fr.q == en.q && fr.order < en.order);
  return french ? "fr" : "en";
}

}  // namespace gb
