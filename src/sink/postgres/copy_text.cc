#include "sink/postgres/copy_text.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "core/iso_time.h"

namespace gb {
namespace {

// Whether any of the 8 bytes of `w` is one COPY escapes (\\, \n, \r, \t): the
// exact "has a zero byte" test on w XOR each of them.
bool AnyToEscape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  const auto zero_byte = [](uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  return (zero_byte(w ^ (kOnes * '\\')) | zero_byte(w ^ (kOnes * '\n')) |
          zero_byte(w ^ (kOnes * '\r')) | zero_byte(w ^ (kOnes * '\t'))) != 0;
}

// Every field of every row goes through here: a clean 8-byte word is passed
// over whole, and bytes are looked at one by one only where a word holds one
// to escape.
void AppendEscaped(std::string_view text, std::string* out) {
  size_t run = 0;  // start of the pending unescaped run: appended in one piece
  for (size_t i = 0; i < text.size();) {
    uint64_t w;
    if (i + sizeof w <= text.size()) {
      std::memcpy(&w, text.data() + i, sizeof w);
      if (!AnyToEscape(w)) {
        i += sizeof w;
        continue;
      }
    }
    const char* esc = nullptr;
    switch (text[i]) {
      case '\\':
        esc = "\\\\";
        break;
      case '\n':
        esc = "\\n";
        break;
      case '\r':
        esc = "\\r";
        break;
      case '\t':
        esc = "\\t";
        break;
      default:
        ++i;
        continue;
    }
    out->append(text.data() + run, i - run);
    out->append(esc, 2);
    run = ++i;
  }
  out->append(text.data() + run, text.size() - run);
}

void AppendField(const std::optional<std::string>& value, std::string* out) {
  if (value) {
    AppendEscaped(*value, out);
  } else {
    out->append("\\N");
  }
  out->push_back('\t');
}

void AppendInt(int64_t value, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
  out->append(buf, end);
}

void AppendIso(int64_t epoch, std::string* out) { out->append(FormatIsoUtc(epoch)); }

}  // namespace

void AppendEntryCopyRow(const Row& row, std::string* out) {
  AppendEscaped(row.external_id, out);
  out->push_back('\t');
  AppendField(row.client_id, out);
  AppendField(row.piano_id, out);
  AppendField(row.user_id, out);
  AppendField(row.invoice_id, out);
  AppendField(row.estimate_id, out);
  AppendIso(row.occurred_at, out);
  out->push_back('\t');
  AppendEscaped(row.entry_type, out);
  out->push_back('\t');
  AppendField(row.title, out);
  AppendField(row.description, out);
  AppendEscaped(row.metadata.empty() ? std::string_view("{}") : row.metadata, out);
  out->push_back('\n');
}

std::string TextArrayLiteral(std::span<const std::string_view> items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('"');
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

std::string TextArrayLiteral(const std::vector<std::string>& items) {
  return TextArrayLiteral(std::vector<std::string_view>(items.begin(), items.end()));
}

void AppendCopyRow(const Row& row, std::string* out) {
  AppendEscaped(row.external_id, out);
  out->push_back('\t');
  AppendField(row.client_id, out);
  AppendField(row.piano_id, out);
  AppendField(row.user_id, out);
  AppendField(row.invoice_id, out);
  AppendField(row.estimate_id, out);
  AppendInt(row.occurred_at, out);
  out->push_back('\t');
  AppendEscaped(row.entry_type, out);
  out->push_back('\t');
  AppendField(row.title, out);
  AppendField(row.description, out);
  AppendEscaped(row.metadata.empty() ? std::string_view("{}") : row.metadata, out);
  out->push_back('\t');
  AppendInt(row.year, out);
  out->push_back('\t');
  AppendEscaped(row.source_type, out);
  out->append(row.repaired ? "\tt\n" : "\tf\n");
}

}  // namespace gb
