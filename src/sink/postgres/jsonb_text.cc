#include "sink/postgres/jsonb_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

namespace gb {
namespace {

using Json = nlohmann::json;

void AppendString(const std::string& s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      default:
        if (static_cast<unsigned char>(c) < ' ') {
          out->append(fmt::format("\\u{:04x}", static_cast<int>(c)));
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

// A float prints the same from jsonb's numeric only in plain decimal form.
bool AppendNumber(const Json& j, std::string* out) {
  std::string text = j.dump();
  if (j.is_number_float()) {
    const double d = j.get<double>();
    if (!std::isfinite(d) || (d == 0 && std::signbit(d))) return false;
    if (text.find_first_of("eE") != std::string::npos) return false;
  }
  out->append(text);
  return true;
}

bool Append(const Json& j, std::string* out) {
  if (j.is_object()) {
    // nlohmann keeps the last of duplicate keys, as jsonb does.
    std::vector<const std::string*> keys;
    for (const auto& item : j.items()) keys.push_back(&item.key());
    std::sort(keys.begin(), keys.end(), [](const std::string* a, const std::string* b) {
      return a->size() != b->size() ? a->size() < b->size() : *a < *b;
    });
    out->push_back('{');
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i > 0) out->append(", ");
      AppendString(*keys[i], out);
      out->append(": ");
      if (!Append(j.at(*keys[i]), out)) return false;
    }
    out->push_back('}');
    return true;
  }
  if (j.is_array()) {
    out->push_back('[');
    for (size_t i = 0; i < j.size(); ++i) {
      if (i > 0) out->append(", ");
      if (!Append(j[i], out)) return false;
    }
    out->push_back(']');
    return true;
  }
  if (j.is_string()) {
    AppendString(j.get_ref<const std::string&>(), out);
    return true;
  }
  if (j.is_number()) return AppendNumber(j, out);
  if (j.is_boolean() || j.is_null()) {
    out->append(j.dump());
    return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> JsonbText(std::string_view json) {
  if (json == "{}") return std::string("{}");  // most rows: no parse
  Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  std::string out;
  if (!Append(j, &out)) return std::nullopt;
  return out;
}

}  // namespace gb
