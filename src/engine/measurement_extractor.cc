#include "engine/measurement_extractor.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/json_escape.h"

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

namespace {

// A number as nlohmann::json prints it (shortest round trip, "440.0" for a
// whole value), so the text equals what a dump of the same object gives.
void AppendNumber(double value, std::string* out) { out->append(nlohmann::json(value).dump()); }

void AppendString(std::string_view text, std::string* out) {
  out->push_back('"');
  AppendJsonEscaped(text, out);
  out->push_back('"');
}

std::string_view KeyOf(const Measurement& m) {
  return m.kind == "temperature" ? std::string_view("temperature_c") : std::string_view(m.kind);
}

}  // namespace

// Written directly (this runs for every row with a measurement): the keys in
// nlohmann's order (sorted), compact, as `nlohmann::json::dump()` would print
// the same object.
std::string MeasurementExtractor::ToJsonText(const std::vector<Measurement>& found) {
  if (found.empty()) return {};
  std::vector<const Measurement*> firsts;  // the first of each kind, by key
  for (const Measurement& m : found) {
    if (std::none_of(firsts.begin(), firsts.end(),
                     [&](const Measurement* f) { return KeyOf(*f) == KeyOf(m); })) {
      firsts.push_back(&m);
    }
  }
  std::sort(firsts.begin(), firsts.end(),
            [](const Measurement* a, const Measurement* b) { return KeyOf(*a) < KeyOf(*b); });
  std::string out = "{";
  bool listed = false;
  const auto list = [&] {
    out += "\"measurements\":[";
    for (const Measurement& m : found) {
      if (&m != &found.front()) out.push_back(',');
      out += "{\"kind\":";
      AppendString(m.kind, &out);
      if (m.original_value) {
        out += ",\"original_unit\":";
        AppendString(m.original_unit, &out);
        out += ",\"original_value\":";
        AppendNumber(*m.original_value, &out);
      }
      out += ",\"raw\":";
      AppendString(m.raw, &out);
      out += ",\"unit\":";
      AppendString(m.unit, &out);
      out += ",\"value\":";
      AppendNumber(m.value, &out);
      out.push_back('}');
    }
    out.push_back(']');
    listed = true;
  };
  for (const Measurement* m : firsts) {
    if (!listed && KeyOf(*m) > "measurements") {
      list();
      out.push_back(',');
    }
    AppendString(KeyOf(*m), &out);
    out.push_back(':');
    AppendNumber(m->value, &out);
    out.push_back(',');
  }
  if (!listed) {
    list();
  } else {
    out.pop_back();  // the comma after the last value
  }
  out.push_back('}');
  return out;
}

}  // namespace gb
