#include "engine/measurement_extractor.h"

#include <cmath>
#include <cstdlib>

namespace gb {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// A byte of a multi-byte UTF-8 character counts as a letter (é, ü, ...).
bool IsWordByte(char c) {
  return IsAsciiLetter(c) || IsDigit(c) || (static_cast<unsigned char>(c) >= 0x80);
}

struct Number {
  size_t begin = 0, end = 0;
  double value = 0;
};

// A number "45", "45.5" or "45,5" starting at `pos`, not glued to a word
// before it ("mp3", "x45").
std::optional<Number> ReadNumber(std::string_view t, size_t pos) {
  if (pos > 0 && (IsWordByte(t[pos - 1]) || t[pos - 1] == '.' || t[pos - 1] == ',')) {
    return std::nullopt;
  }
  Number n{pos, pos, 0};
  while (n.end < t.size() && IsDigit(t[n.end])) ++n.end;
  if (n.end - pos > 6) return std::nullopt;
  std::string digits(t.substr(pos, n.end - pos));
  if (n.end + 1 < t.size() && (t[n.end] == '.' || t[n.end] == ',') && IsDigit(t[n.end + 1])) {
    digits += '.';
    size_t e = n.end + 1;
    while (e < t.size() && IsDigit(t[e]) && e - n.end <= 6) digits += t[e++];
    n.end = e;
  }
  if (n.end < t.size() && IsDigit(t[n.end])) return std::nullopt;  // too long: not a reading
  n.value = std::strtod(digits.c_str(), nullptr);
  if (pos > 0 && t[pos - 1] == '-' && (pos < 2 || !IsWordByte(t[pos - 2]))) {
    n.begin = pos - 1;
    n.value = -n.value;
  }
  return n;
}

// Skips up to two spaces (ASCII, no-break U+00A0, narrow no-break U+202F).
size_t SkipSpaces(std::string_view t, size_t pos) {
  for (int i = 0; i < 2; ++i) {
    if (t.substr(pos, 1) == " ") {
      pos += 1;
    } else if (t.substr(pos, 2) == "\xC2\xA0") {
      pos += 2;
    } else if (t.substr(pos, 3) == "\xE2\x80\xAF") {
      pos += 3;
    }
  }
  return pos;
}

bool EndsWord(std::string_view t, size_t pos) { return pos >= t.size() || !IsWordByte(t[pos]); }

// The unit after a number: its kind and where it ends. Degrees accept the
// degree sign and the look-alike masculine ordinal (º), which people type.
std::optional<std::pair<std::string, size_t>> ReadUnit(std::string_view t, size_t pos) {
  if (t.substr(pos, 1) == "%") return std::make_pair(std::string("%"), pos + 1);
  const std::string_view rest = t.substr(pos);
  if (rest.size() >= 2 && (rest[0] == 'H' || rest[0] == 'h') &&
      (rest[1] == 'z' || rest[1] == 'Z') && EndsWord(t, pos + 2)) {
    return std::make_pair(std::string("Hz"), pos + 2);
  }
  if (rest.starts_with("\xC2\xB0") || rest.starts_with("\xC2\xBA")) {
    size_t u = pos + 2;
    if (u < t.size() && t[u] == ' ') ++u;
    if (u < t.size() && (t[u] == 'C' || t[u] == 'F') && EndsWord(t, u + 1)) {
      return std::make_pair(std::string(t[u] == 'C' ? "°C" : "°F"), u + 1);
    }
  }
  return std::nullopt;
}

double Round2(double v) { return std::round(v * 100.0) / 100.0; }

std::optional<Measurement> Classify(const Number& n, const std::string& unit, std::string raw) {
  Measurement m;
  m.raw = std::move(raw);
  m.value = n.value;
  if (unit == "%") {
    if (n.value < 0 || n.value > 100) return std::nullopt;
    m.kind = "humidity";
    m.unit = "%";
  } else if (unit == "Hz") {
    if (n.value <= 0 || n.value > 20000) return std::nullopt;
    m.kind = "frequency";
    m.unit = "Hz";
  } else if (unit == "°C") {
    if (n.value < -60 || n.value > 60) return std::nullopt;
    m.kind = "temperature";
    m.unit = "°C";
  } else {
    if (n.value < -76 || n.value > 140) return std::nullopt;
    m.kind = "temperature";
    m.unit = "°C";
    m.value = Round2((n.value - 32.0) * 5.0 / 9.0);
    m.original_value = n.value;
    m.original_unit = "°F";
  }
  return m;
}

}  // namespace

std::vector<Measurement> MeasurementExtractor::Extract(std::string_view text) const {
  std::vector<Measurement> found;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if (!IsDigit(text[pos])) continue;
    const auto number = ReadNumber(text, pos);
    if (!number) {
      while (pos + 1 < text.size() && IsDigit(text[pos + 1])) ++pos;  // rest of that word's digits
      continue;
    }
    pos = number->end - 1;
    const auto unit = ReadUnit(text, SkipSpaces(text, number->end));
    if (!unit) continue;
    std::string raw(text.substr(number->begin, unit->second - number->begin));
    if (auto m = Classify(*number, unit->first, std::move(raw))) found.push_back(std::move(*m));
    pos = unit->second - 1;
  }
  return found;
}

nlohmann::json MeasurementExtractor::ToJson(const std::vector<Measurement>& found) {
  if (found.empty()) return nullptr;
  nlohmann::json out = nlohmann::json::object();
  nlohmann::json list = nlohmann::json::array();
  for (const Measurement& m : found) {
    const std::string key = m.kind == "temperature" ? "temperature_c" : m.kind;
    if (!out.contains(key)) out[key] = m.value;
    nlohmann::json item = {{"kind", m.kind}, {"value", m.value}, {"unit", m.unit}, {"raw", m.raw}};
    if (m.original_value) {
      item["original_value"] = *m.original_value;
      item["original_unit"] = m.original_unit;
    }
    list.push_back(std::move(item));
  }
  out["measurements"] = std::move(list);
  return out;
}

}  // namespace gb
