#include "graphql/lexer.h"

#include <cctype>

namespace gb::graphql {
namespace {

bool IsNameStart(char c) { return c == '_' || std::isalpha(static_cast<unsigned char>(c)); }
bool IsNameChar(char c) { return c == '_' || std::isalnum(static_cast<unsigned char>(c)); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

void Lexer::Advance(size_t n) {
  for (size_t i = 0; i < n && pos_ < src_.size(); ++i) {
    char c = src_[pos_++];
    if (c == '\n' || (c == '\r' && Peek() != '\n')) {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;  // columns count characters, not UTF-8 continuation bytes
    }
  }
}

Token Lexer::Error(Location loc, std::string message) {
  return Token{Token::Kind::kError, std::move(message), loc};
}

void Lexer::SkipIgnored() {
  while (pos_ < src_.size()) {
    char c = Peek();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
      Advance();
    } else if (c == '#') {
      while (pos_ < src_.size() && Peek() != '\n' && Peek() != '\r') Advance();
    } else if (src_.substr(pos_, 3) == "\xEF\xBB\xBF") {
      pos_ += 3;  // byte order mark
    } else {
      return;
    }
  }
}

Token Lexer::Next() {
  SkipIgnored();
  Location loc{line_, column_};
  if (pos_ >= src_.size()) return Token{Token::Kind::kEnd, "<EOF>", loc};
  char c = Peek();
  if (src_.substr(pos_, 3) == "...") {
    Advance(3);
    return Token{Token::Kind::kPunct, "...", loc};
  }
  if (std::string_view("!$&():=@[]{}|").find(c) != std::string_view::npos) {
    Advance();
    return Token{Token::Kind::kPunct, std::string(1, c), loc};
  }
  if (IsNameStart(c)) {
    size_t start = pos_;
    while (pos_ < src_.size() && IsNameChar(Peek())) Advance();
    return Token{Token::Kind::kName, std::string(src_.substr(start, pos_ - start)), loc};
  }
  if (c == '-' || IsDigit(c)) return Number(loc);
  if (src_.substr(pos_, 3) == "\"\"\"") return BlockString(loc);
  if (c == '"') return String(loc);
  return Error(loc, "Syntax Error: Unexpected character \"" + std::string(1, c) + "\".");
}

Token Lexer::Number(Location loc) {
  size_t start = pos_;
  bool is_float = false;
  if (Peek() == '-') Advance();
  if (!IsDigit(Peek())) return Error(loc, "Syntax Error: Invalid number, expected digit.");
  if (Peek() == '0' && IsDigit(Peek(1)))
    return Error(loc, "Syntax Error: Invalid number, unexpected digit after 0.");
  while (IsDigit(Peek())) Advance();
  if (Peek() == '.') {
    is_float = true;
    Advance();
    if (!IsDigit(Peek())) return Error(loc, "Syntax Error: Invalid number, expected digit.");
    while (IsDigit(Peek())) Advance();
  }
  if (Peek() == 'e' || Peek() == 'E') {
    is_float = true;
    Advance();
    if (Peek() == '+' || Peek() == '-') Advance();
    if (!IsDigit(Peek())) return Error(loc, "Syntax Error: Invalid number, expected digit.");
    while (IsDigit(Peek())) Advance();
  }
  if (IsNameStart(Peek())) return Error(loc, "Syntax Error: Invalid number, expected digit.");
  return Token{is_float ? Token::Kind::kFloat : Token::Kind::kInt,
               std::string(src_.substr(start, pos_ - start)), loc};
}

bool Lexer::ReadEscape(std::string* out, Token* error) {
  Location loc{line_, column_};
  char e = Peek(1);
  static constexpr std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
  if (auto k = kFrom.find(e); k != std::string_view::npos && e != '\0') {
    out->push_back(kTo[k]);
    Advance(2);
    return true;
  }
  auto hex4 = [&](size_t at, uint32_t* v) {
    *v = 0;
    for (size_t i = 0; i < 4; ++i) {
      char h = Peek(at + i);
      if (!std::isxdigit(static_cast<unsigned char>(h))) return false;
      *v = *v * 16 + (IsDigit(h) ? h - '0' : (std::tolower(h) - 'a' + 10));
    }
    return true;
  };
  uint32_t cp = 0;
  if (e != 'u' || !hex4(2, &cp)) {
    *error = Error(loc, "Syntax Error: Invalid character escape sequence.");
    return false;
  }
  Advance(6);
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    uint32_t low = 0;
    if (Peek() == '\\' && Peek(1) == 'u' && hex4(2, &low) && low >= 0xDC00 && low <= 0xDFFF) {
      Advance(6);
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else {
      cp = 0xFFFD;  // an unpaired surrogate cannot be UTF-8: replaced
    }
  } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
    cp = 0xFFFD;
  }
  AppendUtf8(cp, out);
  return true;
}

Token Lexer::String(Location loc) {
  Advance();  // opening quote
  std::string value;
  while (true) {
    if (pos_ >= src_.size() || Peek() == '\n' || Peek() == '\r') {
      return Error(Location{line_, column_}, "Syntax Error: Unterminated string.");
    }
    char c = Peek();
    if (c == '"') {
      Advance();
      return Token{Token::Kind::kString, std::move(value), loc};
    }
    if (c == '\\') {
      Token error;
      if (!ReadEscape(&value, &error)) return error;
      continue;
    }
    value.push_back(c);
    Advance();
  }
}

Token Lexer::BlockString(Location loc) {
  Advance(3);
  std::string value;
  while (pos_ < src_.size()) {
    if (src_.substr(pos_, 3) == "\"\"\"") {
      Advance(3);
      return Token{Token::Kind::kString, std::move(value), loc};
    }
    if (src_.substr(pos_, 4) == "\\\"\"\"") {
      value += "\"\"\"";
      Advance(4);
      continue;
    }
    value.push_back(Peek());
    Advance();
  }
  return Error(Location{line_, column_}, "Syntax Error: Unterminated string.");
}

}  // namespace gb::graphql
