#include "sink/postgres/copy_text.h"

#include <charconv>
#include <optional>
#include <string_view>

namespace gb {
namespace {

void AppendEscaped(std::string_view text, std::string* out) {
  size_t run = 0;  // start of the pending unescaped run: appended in one piece
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    const char* esc = nullptr;
    switch (c) {
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
        continue;
    }
    out->append(text.data() + run, i - run);
    out->append(esc, 2);
    run = i + 1;
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

}  // namespace

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
  out->push_back('\n');
}

}  // namespace gb
