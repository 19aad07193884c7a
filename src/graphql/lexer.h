// Tokens of a GraphQL document (executable or type-system), with line and
// column for error locations. Shared by the parser and the SDL parser.
#pragma once

#include <string>
#include <string_view>

#include "graphql/ast.h"

namespace gb::graphql {

struct Token {
  enum class Kind { kEnd, kPunct, kName, kInt, kFloat, kString, kError };
  Kind kind = Kind::kEnd;
  std::string text;  // punctuator, name, number text, decoded string, or the error
  Location loc;
};

class Lexer {
 public:
  explicit Lexer(std::string_view source) : src_(source) {}
  Token Next();

 private:
  void SkipIgnored();
  Token Number(Location loc);
  Token String(Location loc);
  Token BlockString(Location loc);
  bool ReadEscape(std::string* out, Token* error);
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0';
  }
  void Advance(size_t n = 1);
  Token Error(Location loc, std::string message);

  std::string_view src_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace gb::graphql
