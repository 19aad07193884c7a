#include "sink/postgres/jsonb_text.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "core/json_escape.h"

namespace gb {
namespace {

void AppendString(std::string_view s, std::string* out) {
  out->push_back('"');
  AppendJsonEscaped(s, out);
  out->push_back('"');
}

// A float prints as nlohmann wrote it into the metadata (shortest round
// trip, ".0" added to whole numbers), which is also what jsonb's numeric
// prints, only in plain decimal form.
bool AppendDouble(double d, std::string* out) {
  if (!std::isfinite(d) || (d == 0 && std::signbit(d))) return false;
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), d);
  if (ec != std::errc()) return false;
  std::string_view text(buf, static_cast<size_t>(end - buf));
  if (text.find_first_of("eE") != std::string_view::npos) return false;
  out->append(text);
  if (text.find('.') == std::string_view::npos) out->append(".0");
  return true;
}

template <class T>
void AppendInteger(T value, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
  out->append(buf, end);
}

bool Append(simdjson::dom::element e, std::string* out);

bool AppendObject(simdjson::dom::object object, std::string* out) {
  std::vector<std::pair<std::string_view, simdjson::dom::element>> fields;
  for (auto field : object) fields.emplace_back(field.key, field.value);
  std::stable_sort(fields.begin(), fields.end(), [](const auto& a, const auto& b) {
    return a.first.size() != b.first.size() ? a.first.size() < b.first.size() : a.first < b.first;
  });
  out->push_back('{');
  bool first = true;
  for (size_t i = 0; i < fields.size(); ++i) {
    // Of a repeated key, jsonb keeps the last.
    if (i + 1 < fields.size() && fields[i + 1].first == fields[i].first) continue;
    if (!first) out->append(", ");
    first = false;
    AppendString(fields[i].first, out);
    out->append(": ");
    if (!Append(fields[i].second, out)) return false;
  }
  out->push_back('}');
  return true;
}

bool Append(simdjson::dom::element e, std::string* out) {
  simdjson::dom::object object;
  simdjson::dom::array array;
  std::string_view text;
  int64_t integer = 0;
  uint64_t unsigned_integer = 0;
  double number = 0;
  bool boolean = false;
  if (e.get(object) == simdjson::SUCCESS) return AppendObject(object, out);
  if (e.get(array) == simdjson::SUCCESS) {
    out->push_back('[');
    bool first = true;
    for (simdjson::dom::element item : array) {
      if (!first) out->append(", ");
      first = false;
      if (!Append(item, out)) return false;
    }
    out->push_back(']');
    return true;
  }
  if (e.get(text) == simdjson::SUCCESS) {
    AppendString(text, out);
  } else if (e.is_int64() && e.get(integer) == simdjson::SUCCESS) {
    AppendInteger(integer, out);
  } else if (e.is_uint64() && e.get(unsigned_integer) == simdjson::SUCCESS) {
    AppendInteger(unsigned_integer, out);
  } else if (e.get(number) == simdjson::SUCCESS) {
    return AppendDouble(number, out);
  } else if (e.get(boolean) == simdjson::SUCCESS) {
    out->append(boolean ? "true" : "false");
  } else if (e.is_null()) {
    out->append("null");
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> JsonbText(std::string_view json) {
  if (json == "{}") return std::string("{}");  // most rows: no parse
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS) return std::nullopt;
  std::string out;
  out.reserve(json.size() + json.size() / 4);
  if (!Append(root, &out)) return std::nullopt;
  return out;
}

}  // namespace gb
