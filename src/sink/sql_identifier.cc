#include "sink/sql_identifier.h"

namespace gb {

std::string QuoteIdentifier(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out += '"';
  for (char c : name) {
    if (c == '\0') continue;  // cannot appear in an identifier; dropping beats truncating
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string BindIdentifiers(std::string_view sql, const IdentifierValues& values) {
  std::string out;
  out.reserve(sql.size() + 32);
  size_t pos = 0;
  while (pos < sql.size()) {
    size_t at = sql.find(":\"", pos);
    if (at == std::string_view::npos) break;
    size_t close = sql.find('"', at + 2);
    const bool cast = at > 0 && sql[at - 1] == ':';
    if (close == std::string_view::npos || cast) {
      out.append(sql.substr(pos, at + 2 - pos));
      pos = at + 2;
      continue;
    }
    std::string_view name = sql.substr(at + 2, close - at - 2);
    out.append(sql.substr(pos, at - pos));
    const std::pair<std::string_view, std::string_view>* found = nullptr;
    for (const auto& v : values) found = v.first == name ? &v : found;
    out += found ? QuoteIdentifier(found->second) : std::string(sql.substr(at, close + 1 - at));
    pos = close + 1;
  }
  out.append(sql.substr(pos));
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace gb
